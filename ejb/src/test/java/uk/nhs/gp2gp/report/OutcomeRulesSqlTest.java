package uk.nhs.gp2gp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.report.TransferShapes.NOW;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.identifier.TestNhsNumbers;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.report.OutcomeClassifier.Rule;
import uk.nhs.gp2gp.report.TransferReport.PracticeOutcomes;
import uk.nhs.gp2gp.report.TransferShapes.Shape;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;

/**
 * The outcome rules as SQL give every transfer the same rule as the Java rules, and the report's
 * aggregate queries count exactly what classifying each transfer in Java would. Runs on H2, and on
 * PostgreSQL when {@code gp2gp.test.db.url} names one.
 */
@Tag("database")
class OutcomeRulesSqlTest {

    private static final YearMonth JANUARY = YearMonth.of(2027, 1);
    private static final Instant IN_DECEMBER = Instant.parse("2026-12-15T10:00:00Z");
    /** In winter London keeps UTC: January is [2027-01-01T00:00Z, 2027-02-01T00:00Z). */
    private static final Instant FIRST_INSTANT_OF_JANUARY = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant FIRST_INSTANT_OF_FEBRUARY = Instant.parse("2027-02-01T00:00:00Z");

    private static EntityManagerFactory database;
    private static List<Shape> january;
    private static List<Shape> december;
    private static Transfer lastSecondOfJanuary;
    private static Transfer firstSecondOfFebruary;

    @BeforeAll
    static void transfersOfEveryShape() {
        database = ReportDatabase.migrated();
        january = TransferShapes.all();
        december = TransferShapes.all(IN_DECEMBER);
        lastSecondOfJanuary = new Transfer("LAST-SECOND", TransferRole.REQUESTER, TestNhsNumbers.next(),
                OdsCode.of("Q99403"), OdsCode.of(TransferShapes.SENDING), FIRST_INSTANT_OF_FEBRUARY.minusSeconds(1));
        firstSecondOfFebruary = new Transfer("FIRST-SECOND", TransferRole.REQUESTER, TestNhsNumbers.next(),
                OdsCode.of("Q99403"), OdsCode.of(TransferShapes.SENDING), FIRST_INSTANT_OF_FEBRUARY);
        database.runInTransaction(em -> {
            Practice practice = new Practice(OdsCode.of(TransferShapes.REQUESTING), NOW);
            practice.update("Synthetic Requesting Surgery", "900000009401", "Q99401-9401", true, null, null, NOW);
            em.persist(practice);
            january.forEach(s -> em.persist(s.transfer()));
            december.forEach(s -> em.persist(s.transfer()));
            em.persist(lastSecondOfJanuary);
            em.persist(firstSecondOfFebruary);
            em.persist(new Transfer("FIRST-INSTANT", TransferRole.REQUESTER, TestNhsNumbers.next(),
                    OdsCode.of("Q99403"), OdsCode.of(TransferShapes.SENDING), FIRST_INSTANT_OF_JANUARY));
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static <T> T query(Function<ReportQueries, T> work) {
        return database.callInTransaction(em -> work.apply(new ReportQueries(em)));
    }

    @Test
    void sqlAndJavaGiveEveryTransferTheSameRule() {
        for (TransferRole role : TransferRole.values()) {
            Map<Long, Rule> sql = query(q -> q.classifyInSql(new ReportFilter(JANUARY, role, null, null), NOW));
            List<Shape> ofRole = january.stream().filter(s -> s.transfer().getRole() == role).toList();
            for (Shape shape : ofRole) {
                Rule java = OutcomeClassifier.classify(shape.transfer(), NOW).rule();
                assertEquals(shape.expected(), java, "Java: " + shape);
                assertEquals(java, sql.get(shape.transfer().getId()), "SQL: " + shape);
            }
        }
    }

    @Test
    void sqlAndJavaAgreeAtOtherMomentsToo() {
        // Moving "now" moves records waiting to be integrated across their 8-day boundary.
        for (Duration shift : List.of(Duration.ofDays(-20), Duration.ofDays(-1), Duration.ofSeconds(1),
                Duration.ofDays(30))) {
            Instant now = NOW.plus(shift);
            for (TransferRole role : TransferRole.values()) {
                Map<Long, Rule> sql = query(q -> q.classifyInSql(new ReportFilter(JANUARY, role, null, null), now));
                for (Shape shape : january) {
                    if (shape.transfer().getRole() == role) {
                        assertEquals(OutcomeClassifier.classify(shape.transfer(), now).rule(),
                                sql.get(shape.transfer().getId()), shape + " at " + now);
                    }
                }
            }
        }
    }

    @Test
    void theReportCountsWhatTheJavaRulesSayToTheTransfer() {
        for (TransferRole role : TransferRole.values()) {
            TransferReport report = query(q -> q.transferReport(new ReportFilter(JANUARY, role, null, null), NOW));
            List<Transfer> counted = january.stream().map(Shape::transfer).filter(t -> t.getRole() == role)
                    .collect(Collectors.toList());
            if (role == TransferRole.REQUESTER) {
                counted.add(lastSecondOfJanuary);
                counted.add(firstInstant());
            }
            assertEquals(expectedCounts(counted), report.all(), role + ": all");
            assertEquals(expectedReasons(counted), reasonCounts(report.reasons()), role + ": reasons");
            for (PracticeOutcomes practice : report.requestingPractices()) {
                List<Transfer> ofPractice = counted.stream()
                        .filter(t -> t.getRequestingOds().equals(practice.ods())).toList();
                assertEquals(expectedCounts(ofPractice), practice.counts(), practice.ods());
                assertEquals(expectedReasons(ofPractice), reasonCounts(practice.reasons()), practice.ods());
            }
            assertEquals(counted.stream().map(Transfer::getRequestingOds).distinct().sorted().toList(),
                    report.requestingPractices().stream().map(PracticeOutcomes::ods).toList());
            assertEquals(List.of(TransferShapes.SENDING),
                    report.sendingPractices().stream().map(PracticeOutcomes::ods).toList());
            assertEquals(expectedCounts(counted), report.sendingPractices().get(0).counts());
            assertNull(report.pairs(), "the national report lists no pairs");
            TransferReport ofSender = query(q -> q.transferReport(
                    new ReportFilter(JANUARY, role, TransferShapes.SENDING, null), NOW));
            long pairs = ofSender.pairs().stream().mapToLong(p -> p.counts().total()).sum();
            assertEquals(counted.size(), pairs, "every transfer is in one pair");
            assertEquals(expectedCounts(counted.stream().filter(t -> t.getRequestingOds()
                    .equals(TransferShapes.REQUESTING)).toList()), ofSender.pairs().stream()
                    .filter(p -> p.requestingOds().equals(TransferShapes.REQUESTING)).findFirst().orElseThrow()
                    .counts());
            assertEquals(report.explanations().stream().map(Reason::code).sorted().toList(),
                    report.reasons().stream().map(ReasonCount::code).distinct().sorted().toList(),
                    "every reason is explained once");
        }
    }

    @Test
    void aMonthIsEnglandsCalendarMonth() {
        TransferReport report = query(q -> q.transferReport(ReportFilter.of(JANUARY), NOW));
        PracticeOutcomes edges = report.requestingPractices().stream().filter(p -> p.ods().equals("Q99403"))
                .findFirst().orElseThrow();
        // 2027-01-01T00:00Z and 2027-01-31T23:59:59Z are in January (GMT); 2027-02-01T00:00Z is not.
        assertEquals(2, edges.counts().total());
        assertEquals("Synthetic Requesting Surgery", report.requestingPractices().stream()
                .filter(p -> p.ods().equals(TransferShapes.REQUESTING)).findFirst().orElseThrow().name());
        assertEquals(1, query(q -> q.transferReport(ReportFilter.of(JANUARY.plusMonths(1)), NOW)).all().total());
        // Summer time: July starts at 23:00 UTC on 30 June.
        assertEquals(Instant.parse("2027-06-30T23:00:00Z"), ReportFilter.of(YearMonth.of(2027, 7)).from());
    }

    @Test
    void aPracticeSeesOnlyItsOwnTransfersAndOnePracticeCanBeChosen() {
        TransferReport none = query(q -> q.transferReport(
                new ReportFilter(JANUARY, TransferRole.REQUESTER, null, Set.of("Q99999")), NOW));
        assertEquals(0, none.all().total());
        assertNull(none.all().outcomes().get(0).percent(), "no percentage of nothing");
        TransferReport mine = query(q -> q.transferReport(
                new ReportFilter(JANUARY, TransferRole.REQUESTER, null, Set.of("Q99403")), NOW));
        assertEquals(2, mine.all().total());
        TransferReport one = query(q -> q.transferReport(
                new ReportFilter(JANUARY, TransferRole.REQUESTER, "Q99403", null), NOW));
        assertEquals(2, one.all().total());
        TransferReport bySender = query(q -> q.transferReport(
                new ReportFilter(JANUARY, TransferRole.SENDER, TransferShapes.SENDING, Set.of()), NOW));
        assertEquals(0, bySender.all().total(), "no practice at all sees nothing");
    }

    @Test
    void theTrendCountsEachMonthInOneQuery() {
        List<MonthOutcomes> trend = query(q -> q.trend(ReportFilter.of(JANUARY.plusMonths(1)), NOW, 3));
        assertEquals(List.of("2026-12", "2027-01", "2027-02"), trend.stream().map(MonthOutcomes::month).toList());
        long requesters = january.stream().filter(s -> s.transfer().getRole() == TransferRole.REQUESTER).count();
        assertEquals(requesters, trend.get(0).counts().total());
        assertEquals(requesters + 2, trend.get(1).counts().total());
        assertEquals(1, trend.get(2).counts().total());
        assertEquals(query(q -> q.transferReport(ReportFilter.of(JANUARY), NOW)).all(), trend.get(1).counts());
    }

    @Test
    void theTransfersBehindANumberAreExactlyThoseCounted() {
        ReportFilter filter = ReportFilter.of(JANUARY);
        TransferReport report = query(q -> q.transferReport(filter, NOW));
        for (TransferOutcome outcome : TransferOutcome.values()) {
            List<TransferSummary> behind = query(q -> q.transfersBehind(filter,
                    new Drilldown(outcome, null, null, null), NOW, 0, 500));
            assertEquals(report.all().count(outcome), behind.size(), outcome.name());
            behind.forEach(t -> assertEquals(outcome, t.outcome()));
        }
        for (ReasonCount reason : report.reasons()) {
            List<TransferSummary> behind = query(q -> q.transfersBehind(filter,
                    new Drilldown(reason.outcome(), reason.code(), null, null), NOW, 0, 500));
            assertEquals(reason.count(), behind.size(), reason.outcome() + " " + reason.code());
            behind.forEach(t -> assertEquals(reason.code(), t.reason().code()));
        }
        List<TransferSummary> page = query(q -> q.transfersBehind(filter,
                new Drilldown(null, null, "Q99403", null), NOW, 1, 1));
        assertEquals(1, page.size(), "the second page of one");
        assertEquals("LAST-SECOND", page.get(0).conversationId(), "oldest first");
    }

    @Test
    void recordsOnDaySixAndSevenOfTheirWindowAreListedUntilItsLastInstant() {
        Instant now = Instant.parse("2027-03-20T12:00:00Z");
        Map<String, Instant> arrivals = new HashMap<>();
        arrivals.put("W-5D23H59M59S", now.minus(Duration.ofDays(6)).plusSeconds(1));
        arrivals.put("W-6D", now.minus(Duration.ofDays(6)));
        arrivals.put("W-7D23H", now.minus(Duration.ofDays(7)).minus(Duration.ofHours(23)));
        arrivals.put("W-8D", now.minus(Duration.ofDays(8)));
        arrivals.put("W-8D1S", now.minus(Duration.ofDays(8)).minusSeconds(1));
        database.runInTransaction(em -> arrivals.forEach((conversation, arrived) -> {
            Transfer t = new Transfer(conversation, TransferRole.REQUESTER, TestNhsNumbers.next(),
                    OdsCode.of("Q99404"), OdsCode.of(TransferShapes.SENDING), arrived.minusSeconds(60));
            t.recordExtract("E-" + conversation, arrived);
            t.moveTo(TransferStatus.READY_TO_INTEGRATE, arrived);
            em.persist(t);
        }));
        List<ApproachingDeadline> listed = query(q -> q.approachingWindow(TransferRole.REQUESTER, "Q99404", null,
                now, 0, 100));
        assertEquals(List.of("W-8D", "W-7D23H", "W-6D"), listed.stream().map(ApproachingDeadline::conversationId)
                .toList(), "least time left first");
        assertEquals(List.of(8L, 7L, 6L), listed.stream().map(ApproachingDeadline::daysSinceArrival).toList());
        assertEquals(List.of(0L, 1L, 48L), listed.stream().map(ApproachingDeadline::hoursLeft).toList());
        assertTrue(query(q -> q.approachingWindow(TransferRole.REQUESTER, "Q99404", Set.of("Q99401"), now, 0, 100))
                .isEmpty(), "another practice's key sees none of them");
        assertTrue(query(q -> q.approachingWindow(TransferRole.SENDER, "Q99404", null, now, 0, 100)).isEmpty());
    }

    private static Transfer firstInstant() {
        return database.callInTransaction(em -> em.createQuery(
                "select t from Transfer t where t.conversationId = 'FIRST-INSTANT'", Transfer.class).getSingleResult());
    }

    private static OutcomeCounts expectedCounts(List<Transfer> transfers) {
        Map<TransferOutcome, Long> counts = new EnumMap<>(TransferOutcome.class);
        transfers.forEach(t -> counts.merge(OutcomeClassifier.classify(t, NOW).outcome(), 1L, Long::sum));
        return OutcomeCounts.of(counts);
    }

    private static Map<String, Long> expectedReasons(List<Transfer> transfers) {
        return transfers.stream().map(t -> OutcomeClassifier.classify(t, NOW))
                .collect(Collectors.groupingBy(c -> c.outcome() + " " + c.reason().code(), Collectors.counting()));
    }

    private static Map<String, Long> reasonCounts(List<ReasonCount> reasons) {
        return reasons.stream().collect(Collectors.toMap(r -> r.outcome() + " " + r.code(), ReasonCount::count));
    }
}

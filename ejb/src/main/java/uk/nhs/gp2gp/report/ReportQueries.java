package uk.nhs.gp2gp.report;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.report.OutcomeClassifier.Rule;
import uk.nhs.gp2gp.report.TransferReport.PairOutcomes;
import uk.nhs.gp2gp.report.TransferReport.PracticeOutcomes;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;

/**
 * The reports' SQL: aggregate queries over the transfer table that classify each row with
 * {@link OutcomeClassifier#sqlCase()} and count in the database. Java only adds up the groups.
 * A plain class over an EntityManager, so that tests run it against H2 and PostgreSQL directly.
 */
public class ReportQueries {

    private final EntityManager em;

    public ReportQueries(EntityManager em) {
        this.em = em;
    }

    /** A statement of the report: SQL with named parameters. */
    public record Statement(String sql, Map<String, Object> parameters) {
    }

    /**
     * The monthly report's statements: transfers grouped by requesting practice, by sending practice
     * and (for one practice's report or a caller's practices) by pair. Public so that the benchmark
     * runs exactly these.
     */
    public static List<Statement> reportStatements(ReportFilter filter, Instant now) {
        List<Statement> statements = new ArrayList<>();
        statements.add(grouped(filter, now, "requesting_ods", true));
        statements.add(grouped(filter, now, "sending_ods", true));
        if (listsPairs(filter)) {
            statements.add(grouped(filter, now, "requesting_ods, sending_ods", false));
        }
        return statements;
    }

    /** Pairs for one practice or a caller's practices; nationally they would be hundreds of thousands. */
    static boolean listsPairs(ReportFilter filter) {
        return filter.ods() != null || filter.visibleOds() != null;
    }

    /** The monthly report: two or three grouped queries; Java only adds up their groups. */
    public TransferReport transferReport(ReportFilter filter, Instant now) {
        List<Statement> statements = reportStatements(filter, now);
        List<Object[]> byRequesting = rows(statements.get(0));
        List<Object[]> bySending = rows(statements.get(1));
        List<PairOutcomes> pairs = statements.size() > 2 ? pairs(rows(statements.get(2))) : null;
        Map<String, String> names = practiceNames();

        // The whole month is the sum of the requesting practices' groups: no extra scan.
        Map<Rule, Map<String, Long>> all = new EnumMap<>(Rule.class);
        for (Object[] row : byRequesting) {
            add(all, Rule.valueOf((String) row[1]), (String) row[2], count(row[3]));
        }
        OutcomeCounts allCounts = outcomeCounts(all);
        return new TransferReport(filter.month().toString(), filter.role().name(), filter.ods(), now,
                OutcomeClassifier.WINDOW.toDays(), allCounts, reasons(all, allCounts.total()),
                practices(byRequesting, names), practices(bySending, names), pairs, explanations(all),
                TransferReport.OutcomeDefinition.all());
    }

    /** Outcome counts for each of the {@code months} months ending with the filter's month, oldest first. */
    public List<MonthOutcomes> trend(ReportFilter filter, Instant now, int months) {
        List<YearMonth> series = new ArrayList<>();
        for (int i = months - 1; i >= 0; i--) {
            series.add(filter.month().minusMonths(i));
        }
        // One scan: each row goes into the bucket of its month, by the month boundaries as parameters.
        StringBuilder bucket = new StringBuilder("case");
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            bucket.append(" when requested_at < :end").append(i).append(" then ").append(i);
            parameters.put("end" + i, filter.withMonth(series.get(i)).to());
        }
        bucket.append(" end");
        Where where = where(filter.withMonth(series.get(0)), now);
        where.parameters.put("to", filter.to());
        where.parameters.putAll(parameters);
        Query query = em.createNativeQuery("select bucket, rule, count(*) from (select " + bucket + " as bucket, "
                + OutcomeClassifier.sqlCase() + " as rule from transfer" + where.sql + ") t group by bucket, rule");
        where.parameters.forEach(query::setParameter);
        Map<Integer, Map<TransferOutcome, Long>> counts = new TreeMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            counts.computeIfAbsent(((Number) columns[0]).intValue(), b -> new EnumMap<>(TransferOutcome.class))
                    .merge(Rule.valueOf((String) columns[1]).outcome(), count(columns[2]), Long::sum);
        }
        List<MonthOutcomes> trend = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            trend.add(new MonthOutcomes(series.get(i).toString(), OutcomeCounts.of(counts.getOrDefault(i, Map.of()))));
        }
        return trend;
    }

    /**
     * The transfers behind one number of the report (a page of them, oldest first), classified.
     * Carries no patient data: the conversation id leads to the transfer itself.
     */
    public List<TransferSummary> transfersBehind(ReportFilter filter, Drilldown drilldown, Instant now, int page,
            int size) {
        Where where = where(filter, now);
        StringBuilder outer = new StringBuilder(" where 1 = 1");
        if (drilldown.requestingOds() != null) {
            where.sql.append(" and requesting_ods = :requestingOds");
            where.parameters.put("requestingOds", drilldown.requestingOds());
        }
        if (drilldown.sendingOds() != null) {
            where.sql.append(" and sending_ods = :sendingOds");
            where.parameters.put("sendingOds", drilldown.sendingOds());
        }
        Set<Rule> rules = drilldown.outcome() == null ? Set.of(Rule.values()) : Rule.of(drilldown.outcome());
        if (drilldown.reasonCode() == null) {
            outer.append(" and rule in (:rules)");
            where.parameters.put("rules", names(rules));
        } else {
            // A reason is either a rule's own (INTEGRATED, NO_EXTRACT, 15...) or the failure code of a rule that has none.
            Set<Rule> ownReason = rules.stream().filter(r -> !r.reasonIsFailureCode()
                    && r.reason(null).code().equals(drilldown.reasonCode())).collect(Collectors.toSet());
            Set<Rule> codeReason = rules.stream().filter(Rule::reasonIsFailureCode).collect(Collectors.toSet());
            outer.append(" and (rule in (:ownReason) or (rule in (:codeReason) and ");
            if (OutcomeReason.NO_REASON_CODE.name().equals(drilldown.reasonCode())) {
                outer.append("failure_code is null))");
            } else {
                outer.append("failure_code = :code))");
                where.parameters.put("code", drilldown.reasonCode());
            }
            where.parameters.put("ownReason", names(ownReason));
            where.parameters.put("codeReason", names(codeReason));
        }
        Query query = em.createNativeQuery("select id from (select id, requested_at, failure_code, "
                + OutcomeClassifier.sqlCase() + " as rule from transfer" + where.sql + ") t" + outer
                + " order by requested_at, id");
        where.parameters.forEach(query::setParameter);
        List<Long> ids = ((List<?>) query.setFirstResult(page * size).setMaxResults(size).getResultList()).stream()
                .map(id -> ((Number) id).longValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select t from Transfer t where t.id in :ids order by t.requestedAt, t.id",
                        Transfer.class)
                .setParameter("ids", ids).getResultList().stream()
                .map(t -> TransferSummary.of(t, now)).toList();
    }

    /**
     * Records waiting to be integrated (requester) or for the final acknowledgement (sender) that
     * arrived between 6 and 8 days ago: on day 6 or 7 of their window, counting the day they
     * arrived as day 0, up to the window's last instant. Most urgent (least time left) first.
     */
    public List<ApproachingDeadline> approachingWindow(TransferRole role, String ods, Set<String> visibleOds,
            Instant now, int page, int size) {
        StringBuilder jpql = new StringBuilder("select t from Transfer t where t.status in :statuses"
                + " and t.extractReceivedAt >= :earliest and t.extractReceivedAt <= :latest");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("statuses", List.of(TransferStatus.READY_TO_INTEGRATE, TransferStatus.WAITING_FOR_PARTS,
                TransferStatus.EXTRACT_SENT));
        parameters.put("earliest", now.minus(OutcomeClassifier.WINDOW));
        parameters.put("latest", now.minus(ApproachingDeadline.FROM_DAY));
        if (role != null) {
            jpql.append(" and t.role = :role");
            parameters.put("role", role);
        }
        if (ods != null) {
            jpql.append(" and (t.requestingOds = :ods or t.sendingOds = :ods)");
            parameters.put("ods", ods);
        }
        if (visibleOds != null) {
            jpql.append(" and ((t.role = uk.nhs.gp2gp.transfer.TransferRole.REQUESTER and t.requestingOds in :mine)"
                    + " or (t.role = uk.nhs.gp2gp.transfer.TransferRole.SENDER and t.sendingOds in :mine))");
            parameters.put("mine", visibleOds.isEmpty() ? List.of("-") : visibleOds);
        }
        jpql.append(" order by t.extractReceivedAt, t.id");
        var query = em.createQuery(jpql.toString(), Transfer.class);
        parameters.forEach(query::setParameter);
        return query.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                .map(t -> ApproachingDeadline.of(t, now)).toList();
    }

    /** Each transfer's rule as the SQL decides it, by transfer id: what the tests hold against the Java rules. */
    public Map<Long, Rule> classifyInSql(ReportFilter filter, Instant now) {
        Where where = where(filter, now);
        Query query = em.createNativeQuery("select id, " + OutcomeClassifier.sqlCase() + " from transfer" + where.sql);
        where.parameters.forEach(query::setParameter);
        Map<Long, Rule> rules = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            rules.put(((Number) columns[0]).longValue(), Rule.valueOf((String) columns[1]));
        }
        return rules;
    }

    /** Rows of (the grouping columns..., rule, failure code if asked for, count). */
    private static Statement grouped(ReportFilter filter, Instant now, String columns, boolean withFailureCode) {
        Where where = where(filter, now);
        String groupBy = columns + ", rule" + (withFailureCode ? ", failure_code" : "");
        return new Statement("select " + groupBy + ", count(*) from (select " + columns + ", "
                + OutcomeClassifier.sqlCase() + " as rule" + (withFailureCode ? ", failure_code" : "")
                + " from transfer" + where.sql + ") t group by " + groupBy, where.parameters);
    }

    private List<Object[]> rows(Statement statement) {
        Query query = em.createNativeQuery(statement.sql());
        statement.parameters().forEach(query::setParameter);
        List<Object[]> rows = new ArrayList<>();
        for (Object row : query.getResultList()) {
            rows.add((Object[]) row);
        }
        return rows;
    }

    /** The filter as a WHERE clause; the month range uses the role + requested_at indexes. */
    private static Where where(ReportFilter filter, Instant now) {
        Where where = new Where();
        where.sql.append(" where role = :role and requested_at >= :from and requested_at < :to");
        where.parameters.put("role", filter.role().name());
        where.parameters.put("from", filter.from());
        where.parameters.put("to", filter.to());
        where.parameters.put(OutcomeClassifier.OVERDUE_PARAMETER, OutcomeClassifier.overdueIfReceivedBefore(now));
        if (filter.ods() != null) {
            where.sql.append(" and (requesting_ods = :ods or sending_ods = :ods)");
            where.parameters.put("ods", filter.ods());
        }
        if (filter.visibleOds() != null) {
            if (filter.visibleOds().isEmpty()) {
                where.sql.append(" and 1 = 0");
            } else {
                where.sql.append(" and ").append(filter.hostedColumn()).append(" in (:visible)");
                where.parameters.put("visible", filter.visibleOds());
            }
        }
        return where;
    }

    private static final class Where {
        final StringBuilder sql = new StringBuilder();
        final Map<String, Object> parameters = new HashMap<>();
    }

    private Map<String, String> practiceNames() {
        return em.createQuery("select p from Practice p", Practice.class).getResultList().stream()
                .collect(Collectors.toMap(Practice::getOdsCode, Practice::getName));
    }

    private static List<PracticeOutcomes> practices(List<Object[]> rows, Map<String, String> names) {
        Map<String, Map<Rule, Map<String, Long>>> byPractice = new TreeMap<>();
        for (Object[] row : rows) {
            add(byPractice.computeIfAbsent((String) row[0], p -> new EnumMap<>(Rule.class)),
                    Rule.valueOf((String) row[1]), (String) row[2], count(row[3]));
        }
        List<PracticeOutcomes> practices = new ArrayList<>();
        byPractice.forEach((ods, groups) -> {
            OutcomeCounts counts = outcomeCounts(groups);
            practices.add(new PracticeOutcomes(ods, names.get(ods), counts, reasons(groups, counts.total())));
        });
        return practices;
    }

    private static List<PairOutcomes> pairs(List<Object[]> rows) {
        Map<List<String>, Map<TransferOutcome, Long>> byPair = new TreeMap<>(
                Comparator.comparing((List<String> pair) -> pair.get(0)).thenComparing(pair -> pair.get(1)));
        for (Object[] row : rows) {
            byPair.computeIfAbsent(List.of((String) row[0], (String) row[1]), p -> new EnumMap<>(TransferOutcome.class))
                    .merge(Rule.valueOf((String) row[2]).outcome(), count(row[3]), Long::sum);
        }
        return byPair.entrySet().stream()
                .map(e -> new PairOutcomes(e.getKey().get(0), e.getKey().get(1), OutcomeCounts.of(e.getValue())))
                .toList();
    }

    private static void add(Map<Rule, Map<String, Long>> groups, Rule rule, String failureCode, long count) {
        groups.computeIfAbsent(rule, r -> new HashMap<>()).merge(failureCode == null ? "" : failureCode, count,
                Long::sum);
    }

    private static OutcomeCounts outcomeCounts(Map<Rule, Map<String, Long>> groups) {
        Map<TransferOutcome, Long> counts = new EnumMap<>(TransferOutcome.class);
        groups.forEach((rule, byCode) -> counts.merge(rule.outcome(),
                byCode.values().stream().mapToLong(Long::longValue).sum(), Long::sum));
        return OutcomeCounts.of(counts);
    }

    /** Reasons by outcome (in the outcomes' order), most frequent first. */
    private static List<ReasonCount> reasons(Map<Rule, Map<String, Long>> groups, long total) {
        Map<TransferOutcome, Map<Reason, Long>> byOutcome = new EnumMap<>(TransferOutcome.class);
        groups.forEach((rule, byCode) -> byCode.forEach((code, count) -> byOutcome
                .computeIfAbsent(rule.outcome(), o -> new LinkedHashMap<>())
                .merge(rule.reason(code.isEmpty() ? null : code), count, Long::sum)));
        List<ReasonCount> reasons = new ArrayList<>();
        byOutcome.forEach((outcome, byReason) -> byReason.entrySet().stream()
                .sorted(Map.Entry.<Reason, Long>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().code()))
                .forEach(e -> reasons.add(ReasonCount.of(outcome, e.getKey(), e.getValue(), total))));
        return reasons;
    }

    /** Each reason in the report once, with its meaning and next step. */
    private static List<Reason> explanations(Map<Rule, Map<String, Long>> groups) {
        Map<String, Reason> reasons = new TreeMap<>();
        groups.forEach((rule, byCode) -> byCode.keySet().forEach(code -> {
            Reason reason = rule.reason(code.isEmpty() ? null : code);
            reasons.put(reason.code(), reason);
        }));
        return List.copyOf(reasons.values());
    }

    private static List<String> names(Collection<Rule> rules) {
        // An empty IN list is not SQL: a name no rule has stands for "none".
        return rules.isEmpty() ? List.of("-") : rules.stream().map(Rule::name).sorted().toList();
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}

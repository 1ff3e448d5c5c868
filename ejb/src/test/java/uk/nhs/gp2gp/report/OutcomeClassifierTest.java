package uk.nhs.gp2gp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.report.TransferShapes.EIGHT_DAYS;
import static uk.nhs.gp2gp.report.TransferShapes.NOW;
import static uk.nhs.gp2gp.report.TransferShapes.ONE_SECOND;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.report.OutcomeClassifier.Rule;
import uk.nhs.gp2gp.report.TransferShapes.Shape;
import uk.nhs.gp2gp.transfer.TransferStatus;

/** One test per outcome rule, with the 8-day boundaries exact to the second. */
class OutcomeClassifierTest {

    private static final Instant RECEIVED = Instant.parse("2027-01-05T10:00:00Z");

    private static Classification at(Instant now, TransferStatus status, String code, Instant received,
            Instant integrated, Instant completed) {
        return OutcomeClassifier.classify(new TransferFacts(status, code, received, integrated, completed), now);
    }

    private static Classification answered(TransferStatus status, Duration afterArrival) {
        Instant answered = RECEIVED.plus(afterArrival);
        Instant integratedAt = status == TransferStatus.COMPLETE ? null : answered;
        return at(NOW, status, null, RECEIVED, integratedAt, answered);
    }

    @Test
    void cancelledIsUnclassified() {
        Classification c = at(NOW, TransferStatus.CANCELLED, null, RECEIVED, null, NOW);
        assertEquals(TransferOutcome.UNCLASSIFIED, c.outcome());
        assertEquals(Rule.CANCELLED, c.rule());
        assertEquals("CANCELLED", c.reason().code());
    }

    @Test
    void integratedWithinEightDaysIsOnTimeUpToTheLastSecond() {
        for (Duration after : List.of(Duration.ZERO, Duration.ofDays(3), EIGHT_DAYS)) {
            Classification c = answered(TransferStatus.INTEGRATED, after);
            assertEquals(TransferOutcome.INTEGRATED_ON_TIME, c.outcome(), after.toString());
            assertEquals(Rule.INTEGRATED_WITHIN_WINDOW, c.rule());
            assertEquals("INTEGRATED", c.reason().code());
        }
        // The sender side knows only when the final acknowledgement came (completed_at).
        assertEquals(Rule.INTEGRATED_WITHIN_WINDOW, answered(TransferStatus.COMPLETE, EIGHT_DAYS).rule());
    }

    @Test
    void suppressedWithinEightDaysIsOnTimeWithCode15() {
        Classification c = answered(TransferStatus.SUPPRESSED, EIGHT_DAYS);
        assertEquals(TransferOutcome.INTEGRATED_ON_TIME, c.outcome());
        assertEquals(Rule.SUPPRESSED_WITHIN_WINDOW, c.rule());
        assertEquals("15", c.reason().code());
        assertTrue(c.reason().meaning().contains("counts as integrated"));
    }

    @Test
    void integratedOneSecondAfterTheEightDaysIsLate() {
        Classification c = answered(TransferStatus.INTEGRATED, EIGHT_DAYS.plus(ONE_SECOND));
        assertEquals(TransferOutcome.INTEGRATED_LATE, c.outcome());
        assertEquals(Rule.INTEGRATED_AFTER_WINDOW, c.rule());
        assertEquals("INTEGRATED_LATE", c.reason().code());
        assertEquals(Rule.INTEGRATED_AFTER_WINDOW, answered(TransferStatus.COMPLETE, EIGHT_DAYS.plusMillis(1)).rule());
    }

    @Test
    void suppressedAfterTheEightDaysIsLate() {
        Classification c = answered(TransferStatus.SUPPRESSED, EIGHT_DAYS.plus(ONE_SECOND));
        assertEquals(TransferOutcome.INTEGRATED_LATE, c.outcome());
        assertEquals(Rule.SUPPRESSED_AFTER_WINDOW, c.rule());
        assertEquals("15", c.reason().code());
    }

    @Test
    void aRecordStillWaitingOneSecondAfterItsEightDaysIsAProcessFailure() {
        Instant received = NOW.minus(EIGHT_DAYS);
        assertEquals(Rule.AWAITING_INTEGRATION,
                at(NOW, TransferStatus.READY_TO_INTEGRATE, null, received, null, null).rule(),
                "at the window's last instant it is still in time");
        Classification late = at(NOW.plus(ONE_SECOND), TransferStatus.READY_TO_INTEGRATE, null, received, null, null);
        assertEquals(TransferOutcome.PROCESS_FAILURE, late.outcome());
        assertEquals(Rule.NOT_INTEGRATED_WITHIN_WINDOW, late.rule());
        assertEquals("NOT_INTEGRATED_IN_WINDOW", late.reason().code());
        assertEquals(Rule.NOT_INTEGRATED_WITHIN_WINDOW,
                at(NOW.plus(ONE_SECOND), TransferStatus.EXTRACT_SENT, null, received, null, null).rule(),
                "the sender's side too");
    }

    @Test
    void aSenderThatGaveUpAfterTheEightDaysCountsNotIntegratedNotItsCode99() {
        Classification c = at(NOW, TransferStatus.NOT_INTEGRATED, "99", RECEIVED, null,
                RECEIVED.plus(EIGHT_DAYS).plus(ONE_SECOND));
        assertEquals(TransferOutcome.PROCESS_FAILURE, c.outcome());
        assertEquals(Rule.NOT_INTEGRATED_WITHIN_WINDOW, c.rule());
    }

    @Test
    void aRejectedRecordIsAProcessFailureWithItsCode() {
        for (String code : List.of("11", "17", "28")) {
            Classification c = at(NOW, TransferStatus.REJECTED, code, RECEIVED, null, RECEIVED.plus(Duration.ofDays(1)));
            assertEquals(TransferOutcome.PROCESS_FAILURE, c.outcome());
            assertEquals(Rule.REJECTED, c.rule());
            assertEquals(code, c.reason().code());
        }
        Classification sender = at(NOW, TransferStatus.NOT_INTEGRATED, "26", RECEIVED, null,
                RECEIVED.plus(Duration.ofDays(1)));
        assertEquals(Rule.REJECTED, sender.rule(), "the sender learns of the rejection by the code");
        assertEquals("Filed as attachment", sender.reason().name());
    }

    @Test
    void noRecordInTimeIsATechnicalFailure() {
        Classification c = at(NOW, TransferStatus.TIMED_OUT, null, null, null, NOW);
        assertEquals(TransferOutcome.TECHNICAL_FAILURE, c.outcome());
        assertEquals(Rule.NO_EXTRACT, c.rule());
        assertEquals("NO_EXTRACT", c.reason().code());
    }

    @Test
    void aNegativeAcknowledgementOrUndeliveredMessageIsATechnicalFailureWithItsReason() {
        Classification refused = at(NOW, TransferStatus.FAILED, "06", null, null, NOW);
        assertEquals(TransferOutcome.TECHNICAL_FAILURE, refused.outcome());
        assertEquals(Rule.FAILED_OR_REFUSED, refused.rule());
        assertEquals("06", refused.reason().code());
        assertEquals("Patient not at surgery", refused.reason().name());
        assertFalse(refused.reason().nextStep().isBlank());

        assertEquals("06", at(NOW, TransferStatus.FAILED, "6", null, null, NOW).reason().code(),
                "a code without its leading zero is the same code");
        assertEquals("19", at(NOW, TransferStatus.REFUSED, "19", null, null, NOW).reason().code());
        assertEquals("NO_REASON_CODE", at(NOW, TransferStatus.FAILED, null, null, null, NOW).reason().code());
        Classification withinWindow = at(NOW, TransferStatus.NOT_INTEGRATED, "99", RECEIVED, null,
                RECEIVED.plus(EIGHT_DAYS));
        assertEquals(Rule.FAILED_OR_REFUSED, withinWindow.rule(), "a NACK 99 inside the window is technical");
        Classification unknown = at(NOW, TransferStatus.FAILED, "16", null, null, NOW);
        assertEquals("16", unknown.reason().code());
        assertTrue(unknown.reason().meaning().contains("not a GP2GP reason code"));
    }

    @Test
    void waitingForTheRecordIsInProgressWhateverItsAge() {
        for (TransferStatus status : List.of(TransferStatus.REQUESTED, TransferStatus.WAITING_FOR_EXTRACT)) {
            Classification c = at(NOW, status, null, null, null, null);
            assertEquals(TransferOutcome.IN_PROGRESS, c.outcome());
            assertEquals(Rule.AWAITING_RECORD, c.rule());
        }
        assertEquals(Rule.AWAITING_RECORD, at(NOW, TransferStatus.WAITING_FOR_PARTS, null,
                NOW.minus(Duration.ofDays(10)), null, null).rule(), "its parts' own timeout will end it");
    }

    @Test
    void aRecordWaitingWithinItsEightDaysIsInProgress() {
        Classification c = at(NOW, TransferStatus.READY_TO_INTEGRATE, null, NOW.minus(Duration.ofDays(7)), null, null);
        assertEquals(TransferOutcome.IN_PROGRESS, c.outcome());
        assertEquals(Rule.AWAITING_INTEGRATION, c.rule());
        assertEquals("AWAITING_INTEGRATION", c.reason().code());
    }

    @Test
    void whatNoRuleExplainsIsUnclassified() {
        Classification c = at(NOW, TransferStatus.INTEGRATED, null, null, NOW, NOW);
        assertEquals(TransferOutcome.UNCLASSIFIED, c.outcome());
        assertEquals(Rule.NO_RULE, c.rule());
        assertEquals("UNKNOWN", c.reason().code());
    }

    @Test
    void everyShapeOfTransferFallsUnderItsRule() {
        for (Shape shape : TransferShapes.all()) {
            assertEquals(shape.expected(), OutcomeClassifier.classify(shape.transfer(), NOW).rule(), shape.name());
        }
        Set<Rule> covered = TransferShapes.all().stream().map(Shape::expected)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        assertEquals(EnumSet.allOf(Rule.class), covered, "the shapes exercise every rule");
    }

    @Test
    void theSqlCaseHasEveryRuleInTheSameOrder() {
        String sql = OutcomeClassifier.sqlCase();
        int at = -1;
        for (Rule rule : Rule.values()) {
            int next = sql.indexOf("'" + rule.name() + "'");
            assertTrue(next > at, rule + " comes after the rule before it");
            at = next;
        }
        assertTrue(sql.contains("interval '8' day"), "the window is 8 days in SQL too");
        assertTrue(sql.contains(":" + OutcomeClassifier.OVERDUE_PARAMETER));
    }

    @Test
    void everyOutcomeHasARuleAndOnlyFailuresGoOnPaper() {
        for (TransferOutcome outcome : TransferOutcome.values()) {
            assertFalse(Rule.of(outcome).isEmpty(), outcome.name());
        }
        assertEquals(Set.of(TransferOutcome.TECHNICAL_FAILURE, TransferOutcome.PROCESS_FAILURE,
                TransferOutcome.UNCLASSIFIED), Arrays.stream(TransferOutcome.values())
                .filter(TransferOutcome::needsPaper).collect(Collectors.toSet()));
    }
}

package uk.nhs.gp2gp.report;

import static uk.nhs.gp2gp.report.TransferOutcome.IN_PROGRESS;
import static uk.nhs.gp2gp.report.TransferOutcome.INTEGRATED_LATE;
import static uk.nhs.gp2gp.report.TransferOutcome.INTEGRATED_ON_TIME;
import static uk.nhs.gp2gp.report.TransferOutcome.PROCESS_FAILURE;
import static uk.nhs.gp2gp.report.TransferOutcome.TECHNICAL_FAILURE;
import static uk.nhs.gp2gp.report.TransferOutcome.UNCLASSIFIED;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferStatus;

/**
 * THE outcome rules: which transfer counts as integrated on time, late, a technical or a process
 * failure, in progress or unclassified, and why. The first rule that matches wins.
 *
 * <p>Each rule is written twice, side by side: as Java (to classify one transfer, on its page) and
 * as SQL (so that the monthly report counts a million transfers in the database, not in a loop).
 * {@code OutcomeRulesSqlTest} proves both classify the same transfers the same way.
 *
 * <p>The 8-day window runs from the moment the core extract arrived (sent, on the sender's side)
 * and includes its last instant: integrated exactly 8 days later is on time, a second later is late.
 * "Now" matters only for records still waiting: past their 8 days they are process failures.
 *
 * <table>
 * <caption>The rules, in order</caption>
 * <tr><th>rule</th><th>when</th><th>outcome</th><th>reason</th></tr>
 * <tr><td>CANCELLED</td><td>an operator stopped it</td><td>unclassified</td><td>CANCELLED</td></tr>
 * <tr><td>INTEGRATED_WITHIN_WINDOW</td><td>integrated (sender: final ack positive) ≤ 8 days after the extract</td>
 *     <td>integrated on time</td><td>INTEGRATED</td></tr>
 * <tr><td>SUPPRESSED_WITHIN_WINDOW</td><td>stored suppressed (code 15) ≤ 8 days after</td><td>integrated on time</td><td>15</td></tr>
 * <tr><td>INTEGRATED_AFTER_WINDOW</td><td>integrated &gt; 8 days after</td><td>integrated late</td><td>INTEGRATED_LATE</td></tr>
 * <tr><td>SUPPRESSED_AFTER_WINDOW</td><td>stored suppressed &gt; 8 days after</td><td>integrated late</td><td>15</td></tr>
 * <tr><td>NOT_INTEGRATED_WITHIN_WINDOW</td><td>still waiting to be integrated and the 8 days are over, or the
 *     sender gave up waiting for the final acknowledgement</td><td>process failure</td><td>NOT_INTEGRATED_IN_WINDOW</td></tr>
 * <tr><td>REJECTED</td><td>the requesting practice rejected the record (11, 17, 26, 28)</td><td>process failure</td>
 *     <td>the code</td></tr>
 * <tr><td>NO_EXTRACT</td><td>the requester timed out: no record arrived</td><td>technical failure</td><td>NO_EXTRACT</td></tr>
 * <tr><td>FAILED_OR_REFUSED</td><td>any other failure: a negative acknowledgement (06, 10, 21, 25, 30, 31, 99...)
 *     or a message that could not be delivered</td><td>technical failure</td><td>the code, or NO_REASON_CODE</td></tr>
 * <tr><td>AWAITING_RECORD</td><td>asked for, no record yet</td><td>in progress</td><td>AWAITING_RECORD</td></tr>
 * <tr><td>AWAITING_INTEGRATION</td><td>record arrived, within its 8 days</td><td>in progress</td><td>AWAITING_INTEGRATION</td></tr>
 * <tr><td>NO_RULE</td><td>anything else (inconsistent data)</td><td>unclassified</td><td>UNKNOWN</td></tr>
 * </table>
 */
public final class OutcomeClassifier {

    /** The requesting practice has this long from the record's arrival to integrate it. */
    public static final Duration WINDOW = Transfer.INTEGRATION_WINDOW;

    /** The SQL parameter: records that arrived before this instant (now minus 8 days) are past their window. */
    public static final String OVERDUE_PARAMETER = "overdueIfReceivedBefore";

    /** Codes by which the requesting practice rejects a record it received (a process failure, not a technical one). */
    static final Set<String> REJECTION_CODES = Set.of(ReasonCode.R11.code(), ReasonCode.R17.code(),
            ReasonCode.R26.code(), ReasonCode.R28.code());

    private static final String WINDOW_SQL = "interval '" + WINDOW.toDays() + "' day";
    private static final String ANSWERED_WITHIN_WINDOW = "extract_received_at is not null"
            + " and coalesce(integrated_at, completed_at) <= extract_received_at + " + WINDOW_SQL;
    private static final String ANSWERED_AFTER_WINDOW = "extract_received_at is not null"
            + " and coalesce(integrated_at, completed_at) > extract_received_at + " + WINDOW_SQL;
    private static final String ENDED_AFTER_WINDOW = "extract_received_at is not null"
            + " and completed_at > extract_received_at + " + WINDOW_SQL;

    /** The rules, in the order they are tried. */
    public enum Rule {
        CANCELLED(UNCLASSIFIED, OutcomeReason.CANCELLED,
                "status = 'CANCELLED'",
                (t, now) -> t.status() == TransferStatus.CANCELLED),

        INTEGRATED_WITHIN_WINDOW(INTEGRATED_ON_TIME, OutcomeReason.INTEGRATED,
                "status in ('INTEGRATED', 'COMPLETE') and " + ANSWERED_WITHIN_WINDOW,
                (t, now) -> in(t, TransferStatus.INTEGRATED, TransferStatus.COMPLETE) && answeredWithinWindow(t)),

        SUPPRESSED_WITHIN_WINDOW(INTEGRATED_ON_TIME, ReasonCode.R15,
                "status = 'SUPPRESSED' and " + ANSWERED_WITHIN_WINDOW,
                (t, now) -> t.status() == TransferStatus.SUPPRESSED && answeredWithinWindow(t)),

        INTEGRATED_AFTER_WINDOW(INTEGRATED_LATE, OutcomeReason.INTEGRATED_LATE,
                "status in ('INTEGRATED', 'COMPLETE') and " + ANSWERED_AFTER_WINDOW,
                (t, now) -> in(t, TransferStatus.INTEGRATED, TransferStatus.COMPLETE) && answeredAfterWindow(t)),

        SUPPRESSED_AFTER_WINDOW(INTEGRATED_LATE, ReasonCode.R15,
                "status = 'SUPPRESSED' and " + ANSWERED_AFTER_WINDOW,
                (t, now) -> t.status() == TransferStatus.SUPPRESSED && answeredAfterWindow(t)),

        // Before REJECTED: a sender that gave up after 8 days records code 99, which is no rejection.
        NOT_INTEGRATED_WITHIN_WINDOW(PROCESS_FAILURE, OutcomeReason.NOT_INTEGRATED_IN_WINDOW,
                "(status in ('READY_TO_INTEGRATE', 'EXTRACT_SENT') and extract_received_at < :" + OVERDUE_PARAMETER
                        + ") or (status = 'NOT_INTEGRATED' and " + ENDED_AFTER_WINDOW + ")",
                (t, now) -> (in(t, TransferStatus.READY_TO_INTEGRATE, TransferStatus.EXTRACT_SENT)
                        && t.extractReceivedAt() != null && t.extractReceivedAt().isBefore(now.minus(WINDOW)))
                        || (t.status() == TransferStatus.NOT_INTEGRATED && endedAfterWindow(t))),

        REJECTED(PROCESS_FAILURE, (Reason) null,
                "status = 'REJECTED' or (status = 'NOT_INTEGRATED' and failure_code in ("
                        + REJECTION_CODES.stream().sorted().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                        + "))",
                (t, now) -> t.status() == TransferStatus.REJECTED
                        || (t.status() == TransferStatus.NOT_INTEGRATED && t.failureCode() != null
                                && REJECTION_CODES.contains(t.failureCode()))),

        NO_EXTRACT(TECHNICAL_FAILURE, OutcomeReason.NO_EXTRACT,
                "status = 'TIMED_OUT'",
                (t, now) -> t.status() == TransferStatus.TIMED_OUT),

        FAILED_OR_REFUSED(TECHNICAL_FAILURE, (Reason) null,
                "status in ('FAILED', 'REFUSED', 'NOT_INTEGRATED')",
                (t, now) -> in(t, TransferStatus.FAILED, TransferStatus.REFUSED, TransferStatus.NOT_INTEGRATED)),

        AWAITING_RECORD(IN_PROGRESS, OutcomeReason.AWAITING_RECORD,
                "status in ('REQUESTED', 'WAITING_FOR_EXTRACT', 'WAITING_FOR_PARTS')",
                (t, now) -> in(t, TransferStatus.REQUESTED, TransferStatus.WAITING_FOR_EXTRACT,
                        TransferStatus.WAITING_FOR_PARTS)),

        AWAITING_INTEGRATION(IN_PROGRESS, OutcomeReason.AWAITING_INTEGRATION,
                "status in ('READY_TO_INTEGRATE', 'EXTRACT_SENT')",
                (t, now) -> in(t, TransferStatus.READY_TO_INTEGRATE, TransferStatus.EXTRACT_SENT)),

        /** The CASE expression's ELSE: nothing above matched. */
        NO_RULE(UNCLASSIFIED, OutcomeReason.UNKNOWN, null, (t, now) -> true);

        private final TransferOutcome outcome;
        private final Reason fixedReason;
        private final String sql;
        private final BiPredicate<TransferFacts, Instant> applies;

        Rule(TransferOutcome outcome, OutcomeReason reason, String sql, BiPredicate<TransferFacts, Instant> applies) {
            this(outcome, reason == null ? null : Reason.of(reason), sql, applies);
        }

        Rule(TransferOutcome outcome, ReasonCode reason, String sql, BiPredicate<TransferFacts, Instant> applies) {
            this(outcome, Reason.of(reason), sql, applies);
        }

        Rule(TransferOutcome outcome, Reason fixedReason, String sql, BiPredicate<TransferFacts, Instant> applies) {
            this.outcome = outcome;
            this.fixedReason = fixedReason;
            this.sql = sql;
            this.applies = applies;
        }

        public TransferOutcome outcome() {
            return outcome;
        }

        /** The SQL condition (over the transfer table's columns); null for the last rule. */
        public String sql() {
            return sql;
        }

        /** The reason this rule gives: its own, or the transfer's failure code for rules that have none. */
        public Reason reason(String failureCode) {
            return fixedReason != null ? fixedReason : Reason.ofFailureCode(failureCode);
        }

        /** True when this rule's reason is the transfer's failure code. */
        public boolean reasonIsFailureCode() {
            return fixedReason == null;
        }

        /** The rules that give this outcome. */
        public static Set<Rule> of(TransferOutcome outcome) {
            return Arrays.stream(values()).filter(r -> r.outcome == outcome)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        }
    }

    private OutcomeClassifier() {
    }

    public static Classification classify(Transfer transfer, Instant now) {
        return classify(TransferFacts.of(transfer), now);
    }

    public static Classification classify(TransferFacts transfer, Instant now) {
        for (Rule rule : Rule.values()) {
            if (rule.applies.test(transfer, now)) {
                return new Classification(rule.outcome, rule, rule.reason(transfer.failureCode()));
            }
        }
        throw new IllegalStateException("The last rule matches everything");
    }

    /**
     * The same rules as one SQL CASE expression over the {@code transfer} table, giving the rule's
     * name. It needs the parameter {@value #OVERDUE_PARAMETER} = {@link #overdueIfReceivedBefore}.
     */
    public static String sqlCase() {
        StringBuilder sql = new StringBuilder("case");
        for (Rule rule : Rule.values()) {
            if (rule.sql != null) {
                sql.append(" when (").append(rule.sql).append(") then '").append(rule.name()).append('\'');
            }
        }
        return sql.append(" else '").append(Rule.NO_RULE.name()).append("' end").toString();
    }

    /** The value of the SQL parameter: a record that arrived before then has had its 8 days by now. */
    public static Instant overdueIfReceivedBefore(Instant now) {
        return now.minus(WINDOW);
    }

    private static boolean in(TransferFacts t, TransferStatus... statuses) {
        for (TransferStatus status : statuses) {
            if (t.status() == status) {
                return true;
            }
        }
        return false;
    }

    private static boolean answeredWithinWindow(TransferFacts t) {
        return t.extractReceivedAt() != null && t.answeredAt() != null
                && !t.answeredAt().isAfter(t.extractReceivedAt().plus(WINDOW));
    }

    private static boolean answeredAfterWindow(TransferFacts t) {
        return t.extractReceivedAt() != null && t.answeredAt() != null
                && t.answeredAt().isAfter(t.extractReceivedAt().plus(WINDOW));
    }

    private static boolean endedAfterWindow(TransferFacts t) {
        return t.extractReceivedAt() != null && t.completedAt() != null
                && t.completedAt().isAfter(t.extractReceivedAt().plus(WINDOW));
    }
}

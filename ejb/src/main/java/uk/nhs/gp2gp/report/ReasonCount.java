package uk.nhs.gp2gp.report;

/**
 * How many transfers had this outcome for this reason, and their share of the transfers counted
 * (in the report, or of the practice). What the code means and what to do next are in the report's
 * {@code explanations}, once per code.
 */
public record ReasonCount(TransferOutcome outcome, String code, String name, long count, Double percent) {

    static ReasonCount of(TransferOutcome outcome, Reason reason, long count, long total) {
        return new ReasonCount(outcome, reason.code(), reason.name(), count, OutcomeCounts.percent(count, total));
    }
}

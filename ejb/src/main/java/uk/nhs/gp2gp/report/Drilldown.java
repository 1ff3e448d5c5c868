package uk.nhs.gp2gp.report;

/**
 * Which number of a report to open: the transfers with this outcome (null: any), this reason
 * (a GP2GP code or an {@link OutcomeReason} name; null: any), between these practices (null: any).
 */
public record Drilldown(TransferOutcome outcome, String reasonCode, String requestingOds, String sendingOds) {
}

package uk.nhs.gp2gp.report;

/** A transfer's outcome, the rule that decided it, and the reason behind it. */
public record Classification(TransferOutcome outcome, OutcomeClassifier.Rule rule, Reason reason) {
}

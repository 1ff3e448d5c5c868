package uk.nhs.gp2gp.report;

/**
 * How a transfer went, as the outcome reports count it. Which transfer gets which outcome is decided
 * in one place: {@link OutcomeClassifier}.
 */
public enum TransferOutcome {
    INTEGRATED_ON_TIME("Integrated on time",
            "The record was integrated (or stored suppressed, code 15) within 8 days of arriving."),
    INTEGRATED_LATE("Integrated late",
            "The record was integrated, but more than 8 days after it arrived: the paper process had already started."),
    TECHNICAL_FAILURE("Technical failure",
            "The record did not arrive or could not be used: a negative acknowledgement, or no record in time."),
    PROCESS_FAILURE("Process failure",
            "The record arrived but was not integrated: rejected, or not integrated within 8 days."),
    IN_PROGRESS("In progress",
            "Still under way: the record has not arrived yet, or is waiting to be integrated within its 8 days."),
    UNCLASSIFIED("Unclassified",
            "Cancelled by an operator, or in a state the rules cannot place.");

    private final String label;
    private final String description;

    TransferOutcome(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Failed outcomes: the paper process applies (a paper fallback task can be asked for). */
    public boolean needsPaper() {
        return this == TECHNICAL_FAILURE || this == PROCESS_FAILURE || this == UNCLASSIFIED;
    }
}

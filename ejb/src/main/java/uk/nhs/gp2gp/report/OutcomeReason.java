package uk.nhs.gp2gp.report;

/**
 * Reasons for an outcome that no GP2GP reason code expresses (the codes themselves are
 * {@link uk.nhs.gp2gp.transfer.ReasonCode}). Each says what happened and what to do next.
 */
public enum OutcomeReason {
    INTEGRATED("Integrated",
            "The record was integrated and the final acknowledgement sent.",
            "No action."),
    INTEGRATED_LATE("Integrated late",
            "The record was integrated more than 8 days after it arrived.",
            "Integrate records within 8 days of arrival: after that the old practice prints the record and sends it on paper."),
    NOT_INTEGRATED_IN_WINDOW("Not integrated within 8 days",
            "The record arrived but no final acknowledgement (integrated or rejected) was sent within 8 days.",
            "Integrate or reject the record now; the paper record will follow from the old practice."),
    NO_EXTRACT("No record arrived",
            "The old practice never sent the record (nor a negative acknowledgement) within the time allowed.",
            "Check the previous practice's ODS code and GP2GP set-up, then retry the transfer; otherwise ask for the paper record."),
    NO_REASON_CODE("Failed without a reason code",
            "The transfer failed without a GP2GP reason code, for instance because a message could not be delivered.",
            "Read the failure detail on the transfer; retry it, or contact support with the conversation id."),
    AWAITING_RECORD("Waiting for the record",
            "The record has been asked for and has not arrived yet.",
            "No action yet: a transfer that gets no record in time fails on its own."),
    AWAITING_INTEGRATION("Waiting to be integrated",
            "The record arrived and is waiting for the new practice to integrate or reject it.",
            "Integrate or reject the record within 8 days of its arrival."),
    CANCELLED("Cancelled",
            "An operator stopped the transfer.",
            "Read the transfer's audit trail for who stopped it and why; ask for the paper record if the patient still needs it."),
    UNKNOWN("Not classified",
            "The transfer is in a state that the outcome rules do not place.",
            "Contact support with the conversation id.");

    private final String title;
    private final String meaning;
    private final String nextStep;

    OutcomeReason(String title, String meaning, String nextStep) {
        this.title = title;
        this.meaning = meaning;
        this.nextStep = nextStep;
    }

    public String title() {
        return title;
    }

    public String meaning() {
        return meaning;
    }

    public String nextStep() {
        return nextStep;
    }
}

package uk.nhs.gp2gp.transfer;

/** What the requesting practice's system did with the record it received. */
public enum IntegrationOutcome {
    /** Filed into the patient's record: positive final acknowledgement. */
    INTEGRATED(TransferStatus.INTEGRATED),
    /** A returning patient's record stored as suppressed: code 15, counts as integrated. */
    SUPPRESSED(TransferStatus.SUPPRESSED),
    /** Not integrated (wrong patient, could not file): negative final acknowledgement. */
    REJECTED(TransferStatus.REJECTED);

    private final TransferStatus status;

    IntegrationOutcome(TransferStatus status) {
        this.status = status;
    }

    public TransferStatus status() {
        return status;
    }
}

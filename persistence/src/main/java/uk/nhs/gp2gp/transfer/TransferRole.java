package uk.nhs.gp2gp.transfer;

/** Which side of the GP2GP conversation this instance plays for one of its hosted practices. */
public enum TransferRole {
    /** The new practice: asks for the record, receives it, integrates it and sends the final acknowledgement. */
    REQUESTER,
    /** The old practice: checks the request, sends the record, waits for the final acknowledgement. */
    SENDER
}

package uk.nhs.gp2gp.transfer;

/** A transfer for this patient and practice is already under way: the protocol allows one at a time. */
public class TransferConflictException extends RuntimeException {

    private final String conversationId;

    public TransferConflictException(String conversationId) {
        super("A transfer of this patient's record to this practice is already in progress"
                + (conversationId == null ? "" : ": " + conversationId));
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}

package uk.nhs.gp2gp.transfer;

import jakarta.ejb.ApplicationException;

/**
 * A transfer for this patient and practice is already under way: the protocol allows one at a time.
 * A business refusal (an application exception): the caller gets it as is, and whatever the
 * transaction wrote before it is rolled back.
 */
@ApplicationException(rollback = true)
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

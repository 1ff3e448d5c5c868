package uk.nhs.gp2gp.transfer;

import jakarta.ejb.ApplicationException;

/**
 * No transfer (of the role asked for) has this conversation id.
 * A business refusal (an application exception): the caller gets it as is, and whatever the
 * transaction wrote before it is rolled back.
 */
@ApplicationException(rollback = true)
public class TransferNotFoundException extends RuntimeException {

    public TransferNotFoundException(String conversationId) {
        super("No transfer with conversation id " + conversationId);
    }
}

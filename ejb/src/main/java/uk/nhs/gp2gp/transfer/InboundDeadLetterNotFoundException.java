package uk.nhs.gp2gp.transfer;

import jakarta.ejb.ApplicationException;

/**
 * No message set aside from the inbound queue has this id (processed again meanwhile, or deleted after
 * its retention). An application exception: passed to the caller as is, with no stack trace in the server log.
 */
@ApplicationException(rollback = true)
public class InboundDeadLetterNotFoundException extends RuntimeException {

    public InboundDeadLetterNotFoundException(long id) {
        super("No message set aside with id " + id);
    }
}

package uk.nhs.gp2gp.transfer;

import jakarta.ejb.ApplicationException;

/**
 * A move between transfer states that the state machine does not allow.
 * A business refusal (an application exception): the caller gets it as is, and whatever the
 * transaction wrote before it is rolled back.
 */
@ApplicationException(rollback = true)
public class IllegalTransitionException extends IllegalStateException {

    private final TransferStatus from;
    private final TransferStatus to;

    public IllegalTransitionException(TransferStatus from, TransferStatus to) {
        super("A transfer cannot move from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public TransferStatus from() {
        return from;
    }

    public TransferStatus to() {
        return to;
    }
}

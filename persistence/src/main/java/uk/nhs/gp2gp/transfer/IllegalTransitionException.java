package uk.nhs.gp2gp.transfer;

/** A move between transfer states that the state machine does not allow. */
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

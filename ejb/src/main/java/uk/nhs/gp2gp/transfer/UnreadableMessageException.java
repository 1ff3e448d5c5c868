package uk.nhs.gp2gp.transfer;

import jakarta.ejb.ApplicationException;

/**
 * A message or record that cannot be read or is not what GP2GP allows. Says which field and why,
 * carries the reason code a negative acknowledgement should use, and whatever ids could be read
 * (so that the sender can still be answered).
 * A business refusal (an application exception): the caller gets it as is, and whatever the
 * transaction wrote before it is rolled back.
 */
@ApplicationException(rollback = true)
public class UnreadableMessageException extends RuntimeException {

    private final String field;
    private final ReasonCode reasonCode;
    private final transient ReceivedMessage partial;

    public UnreadableMessageException(String field, String detail, ReasonCode reasonCode, ReceivedMessage partial) {
        super(detail);
        this.field = field;
        this.reasonCode = reasonCode;
        this.partial = partial;
    }

    public String field() {
        return field;
    }

    public ReasonCode reasonCode() {
        return reasonCode;
    }

    /** What could be read before the problem; null when nothing could. */
    public ReceivedMessage partial() {
        return partial;
    }
}

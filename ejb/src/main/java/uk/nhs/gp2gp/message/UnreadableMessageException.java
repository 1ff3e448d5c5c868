package uk.nhs.gp2gp.message;

import jakarta.ejb.ApplicationException;

/**
 * A message or record the workflow cannot take: not readable, or not what GP2GP allows. Says which
 * field and why, and the reason code a negative acknowledgement of it would carry (null when none applies).
 * A business refusal: thrown out of a session bean it reaches the caller as is and rolls back what the
 * transaction wrote. (An annotation only: outside a container the class is plain Java. A descriptor
 * instead would have to sit in the WAR, which then counts as an EJB module in the EAR and is refused.)
 */
@ApplicationException(rollback = true)
public class UnreadableMessageException extends RuntimeException {

    private final String field;
    private final NackCode nackCode;

    public UnreadableMessageException(String field, String detail, NackCode nackCode) {
        super(detail);
        this.field = field;
        this.nackCode = nackCode;
    }

    /** The first fault the reader found, as the workflow refuses it. */
    public static UnreadableMessageException of(Violation violation) {
        return new UnreadableMessageException(violation.field(), violation.describe(), violation.nackCode());
    }

    /** A message that could not be read at all, as the workflow refuses it. */
    public static UnreadableMessageException of(MessageProblem problem) {
        return problem.violations().isEmpty()
                ? new UnreadableMessageException("message", problem.getMessage(), null)
                : of(problem.violations().get(0));
    }

    public String field() {
        return field;
    }

    public NackCode nackCode() {
        return nackCode;
    }
}

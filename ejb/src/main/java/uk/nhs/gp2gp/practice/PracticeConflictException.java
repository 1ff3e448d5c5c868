package uk.nhs.gp2gp.practice;

import jakarta.ejb.ApplicationException;

/**
 * Another practice in the directory already has this ASID or party key: a message from it could not
 * say which practice sent it. A business refusal (an application exception): the caller gets it as
 * is, and the transaction is rolled back.
 */
@ApplicationException(rollback = true)
public class PracticeConflictException extends RuntimeException {

    private final String field;

    public PracticeConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field that clashes: {@code asid} or {@code partyKey}. */
    public String field() {
        return field;
    }
}

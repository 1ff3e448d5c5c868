package uk.nhs.gp2gp.identifier;

import jakarta.ejb.ApplicationException;

/**
 * A value that cannot be an identifier of its kind. Names the field so that an API answer or a
 * GP2GP negative acknowledgement can say exactly what was wrong. Never carries the value itself
 * when that value might be patient data.
 * A business refusal (an application exception): the caller gets it as is, and whatever the
 * transaction wrote before it is rolled back.
 */
@ApplicationException(rollback = true)
public class InvalidIdentifierException extends IllegalArgumentException {

    private final String field;

    public InvalidIdentifierException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

package uk.nhs.gp2gp.security;

import jakarta.ejb.ApplicationException;

/**
 * A change to a console user or an API key that cannot be made as asked (a short password, an
 * administrator removing their own access, a key's limit below one a minute); the message says why,
 * in words for the person who asked. A business refusal: the caller gets it as is, nothing is kept.
 */
@ApplicationException(rollback = true)
public class AccessChangeRefusedException extends RuntimeException {

    public AccessChangeRefusedException(String message) {
        super(message);
    }
}

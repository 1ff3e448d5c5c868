package uk.nhs.gp2gp.security;

import jakarta.ejb.ApplicationException;

/**
 * The caller does not act for the practice whose data it asks for (403). A business refusal (an
 * application exception): the caller gets it as is, and whatever the transaction wrote is rolled back.
 */
@ApplicationException(rollback = true)
public class PracticeAccessDeniedException extends RuntimeException {

    public PracticeAccessDeniedException(String message) {
        super(message);
    }
}

package uk.nhs.gp2gp.report;

import jakarta.ejb.ApplicationException;

/**
 * A paper fallback cannot be asked for or completed now, and the message says why.
 * An application exception: passed to the caller as is, with no stack trace in the server log.
 */
@ApplicationException(rollback = true)
public class PaperFallbackRefusedException extends RuntimeException {

    public PaperFallbackRefusedException(String message) {
        super(message);
    }
}

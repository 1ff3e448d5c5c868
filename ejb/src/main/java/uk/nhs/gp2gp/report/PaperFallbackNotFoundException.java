package uk.nhs.gp2gp.report;

import jakarta.ejb.ApplicationException;

/**
 * No paper fallback task has this id.
 * An application exception: passed to the caller as is, with no stack trace in the server log.
 */
@ApplicationException(rollback = true)
public class PaperFallbackNotFoundException extends RuntimeException {

    public PaperFallbackNotFoundException(long id) {
        super("No paper fallback task " + id);
    }
}

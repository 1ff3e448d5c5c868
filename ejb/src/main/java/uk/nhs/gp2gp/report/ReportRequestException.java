package uk.nhs.gp2gp.report;

import jakarta.ejb.ApplicationException;

/**
 * A report asked for with a parameter out of its range; names the parameter. A business refusal
 * (an application exception): the caller gets it as is.
 */
@ApplicationException(rollback = true)
public class ReportRequestException extends RuntimeException {

    private final String field;

    public ReportRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

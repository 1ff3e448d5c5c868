package uk.nhs.gp2gp.transfer;

import jakarta.ejb.ApplicationException;

/**
 * A request to start a transfer that cannot be carried out as asked; names the field at fault.
 * A business refusal (an application exception): the caller gets it as is, and whatever the
 * transaction wrote before it is rolled back.
 */
@ApplicationException(rollback = true)
public class TransferRequestException extends RuntimeException {

    private final String field;

    public TransferRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

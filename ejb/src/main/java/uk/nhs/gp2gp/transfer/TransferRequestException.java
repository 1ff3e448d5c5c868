package uk.nhs.gp2gp.transfer;

/** A request to start a transfer that cannot be carried out as asked; names the field at fault. */
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

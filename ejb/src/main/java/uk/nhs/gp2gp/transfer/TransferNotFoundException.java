package uk.nhs.gp2gp.transfer;

/** No transfer (of the role asked for) has this conversation id. */
public class TransferNotFoundException extends RuntimeException {

    public TransferNotFoundException(String conversationId) {
        super("No transfer with conversation id " + conversationId);
    }
}

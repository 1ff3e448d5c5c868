package uk.nhs.gp2gp.transport;

/** A delivery that did not happen, and whether trying again later may help. */
public class TransportException extends Exception {

    private final boolean retryable;

    public TransportException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public TransportException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}

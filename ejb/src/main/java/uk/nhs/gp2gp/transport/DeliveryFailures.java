package uk.nhs.gp2gp.transport;

/**
 * Told when the outbox gives up on a message, so that the transfer it belongs to shows the
 * failure. Implemented by the transfer workflow (transport knows nothing of transfers' states).
 */
public interface DeliveryFailures {

    void gaveUp(long outboxMessageId);
}

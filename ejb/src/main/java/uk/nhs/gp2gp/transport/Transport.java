package uk.nhs.gp2gp.transport;

import uk.nhs.gp2gp.practice.Practice;

/** Takes a message to the practice it is for. Chosen by {@code gp2gp.transport}. */
public interface Transport {

    /**
     * Delivers the message or throws. A {@link TransportException} that is not retryable means
     * trying again cannot help (no route, refused as invalid).
     */
    void send(OutboundMessage message, Practice destination) throws TransportException;
}

package uk.nhs.gp2gp.transport;

/**
 * Where inbound GP2GP messages go: from {@code POST /mhs/inbound}, and straight from the loopback
 * transport for practices hosted here. Implemented by the transfer workflow.
 */
public interface InboundReceiver {

    /** Peers on the loopback transport send the shared secret (gp2gp.inbound.shared-secret) in this header. */
    String SECRET_HEADER = "X-GP2GP-Peer-Secret";

    /** Takes one message, as the MHS adaptor's inbound JSON envelope. */
    InboundOutcome receive(byte[] envelope);
}

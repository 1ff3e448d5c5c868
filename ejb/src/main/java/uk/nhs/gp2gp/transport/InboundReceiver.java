package uk.nhs.gp2gp.transport;

/**
 * Where inbound GP2GP messages go: from {@code POST /mhs/inbound}, and straight from the loopback
 * transport for practices hosted here. Implemented by the transfer workflow.
 */
public interface InboundReceiver {

    /** Callers of /mhs/inbound prove who they are with their secret in this header (see {@link InboundPeers}). */
    String SECRET_HEADER = "X-GP2GP-Peer-Secret";

    /** Takes one message, as the MHS adaptor's inbound JSON envelope, from {@code source}. */
    InboundOutcome receive(byte[] envelope, InboundSource source);
}

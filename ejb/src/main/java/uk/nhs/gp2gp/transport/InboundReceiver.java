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

    /**
     * The same, in the caller's transaction (which must exist): an operator's "Process again" of a message
     * set aside commits with its bookkeeping, or not at all. Implementations that have no transaction of
     * their own to give up need not override it.
     */
    default InboundOutcome receiveInCallersTransaction(byte[] envelope, InboundSource source) {
        return receive(envelope, source);
    }
}

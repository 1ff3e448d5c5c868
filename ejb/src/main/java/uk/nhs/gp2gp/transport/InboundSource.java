package uk.nhs.gp2gp.transport;

/**
 * Who handed us an inbound message. Messages between practices hosted here come from inside and are
 * trusted: only this path may speak for a hosted practice. A caller of /mhs/inbound that proved a
 * secret is a known peer, and may speak only for the practices the directory gives it.
 *
 * @param peer    the peer's name in gp2gp.inbound.peers; null for the MHS adaptor (the shared secret)
 * @param checked whether the sending practice must be checked against the directory
 * @param inside  from this instance itself, not through /mhs/inbound
 */
public record InboundSource(String peer, boolean checked, boolean inside) {

    /** From this instance itself (loopback between hosted practices). */
    public static final InboundSource INSIDE = new InboundSource(null, false, true);

    /** Through /mhs/inbound with no secret configured and gp2gp.inbound.open=true: nothing to check against. */
    public static final InboundSource UNAUTHENTICATED = new InboundSource(null, false, false);

    /** The MHS adaptor (or any caller holding the shared secret): speaks for practices with no peer named. */
    public static final InboundSource MHS = new InboundSource(null, true, false);

    public static InboundSource peer(String name) {
        return new InboundSource(name, true, false);
    }

    /** How the peer is named in a log line or a refusal. */
    public String describe() {
        return inside ? "this instance" : peer != null ? "peer " + peer
                : checked ? "the MHS adaptor (shared secret)" : "an unauthenticated caller";
    }
}

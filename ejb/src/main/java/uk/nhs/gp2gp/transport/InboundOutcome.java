package uk.nhs.gp2gp.transport;

/**
 * How an inbound message was taken: processed, recognised as a duplicate (and answered as before),
 * or refused at the door (nothing of it kept: unknown conversation, not for a practice hosted here,
 * unreadable with nobody to answer).
 */
public record InboundOutcome(Kind kind, String detail) {

    public enum Kind { PROCESSED, DUPLICATE, REFUSED }

    public static InboundOutcome processed(String detail) {
        return new InboundOutcome(Kind.PROCESSED, detail);
    }

    public static InboundOutcome duplicate() {
        return new InboundOutcome(Kind.DUPLICATE, "Already received; processed once");
    }

    public static InboundOutcome refused(String detail) {
        return new InboundOutcome(Kind.REFUSED, detail);
    }

    public boolean isRefused() {
        return kind == Kind.REFUSED;
    }
}

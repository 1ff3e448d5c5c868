package uk.nhs.gp2gp.transport;

/**
 * How an inbound message was taken: processed, recognised as a duplicate (and answered as before),
 * or refused at the door (nothing of it kept: unknown conversation, not for a practice hosted here,
 * unreadable with nobody to answer), or forbidden: the caller may not speak for the practice the
 * message says it comes from.
 */
public record InboundOutcome(Kind kind, String detail) {

    public enum Kind { PROCESSED, DUPLICATE, REFUSED, FORBIDDEN }

    public static InboundOutcome processed(String detail) {
        return new InboundOutcome(Kind.PROCESSED, detail);
    }

    public static InboundOutcome duplicate() {
        return new InboundOutcome(Kind.DUPLICATE, "Already received; processed once");
    }

    public static InboundOutcome refused(String detail) {
        return new InboundOutcome(Kind.REFUSED, detail);
    }

    public static InboundOutcome forbidden(String detail) {
        return new InboundOutcome(Kind.FORBIDDEN, detail);
    }

    /** Refused or forbidden: nothing of the message was kept. */
    public boolean isRefused() {
        return kind == Kind.REFUSED || kind == Kind.FORBIDDEN;
    }
}

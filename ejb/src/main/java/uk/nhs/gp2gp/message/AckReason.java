package uk.nhs.gp2gp.message;

/** A reason code and its display text as one place of an acknowledgement carries them. */
public record AckReason(String code, String text) {
}

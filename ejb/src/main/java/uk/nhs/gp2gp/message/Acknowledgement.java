package uk.nhs.gp2gp.message;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code MCCI_IN010000UK13}: positive ({@code AA}) or negative ({@code AE}, {@code AR}) application
 * acknowledgement of the message {@code refersTo} (protocol 3.5). Real systems put the reason in
 * one place or the other, or both: {@code issueReason} is
 * {@code ControlActEvent/reason/justifyingDetectedIssueEvent/code}, {@code detailReason} is
 * {@code acknowledgement/acknowledgementDetail/code}.
 */
public record Acknowledgement(Hl7Header header, Type type, String refersTo, AckReason issueReason,
        AckReason detailReason) implements Hl7Message {

    /** HL7 acknowledgement types: accepted, error (business refusal), rejected. */
    public enum Type {
        AA, AE, AR;

        public boolean isPositive() {
            return this == AA;
        }

        public static Optional<Type> of(String code) {
            try {
                return Optional.of(valueOf(code == null ? "" : code.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** The reason as receivers read it: the detected issue first, the acknowledgement detail otherwise. */
    public Optional<AckReason> reason() {
        return Optional.ofNullable(issueReason != null ? issueReason : detailReason);
    }
}

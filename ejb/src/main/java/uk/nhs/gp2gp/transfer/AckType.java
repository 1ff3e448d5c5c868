package uk.nhs.gp2gp.transfer;

/** HL7 acknowledgement types: accepted, error (business refusal, with a reason code), rejected. */
public enum AckType {
    AA, AE, AR;

    public boolean isPositive() {
        return this == AA;
    }
}

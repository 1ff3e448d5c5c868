package uk.nhs.gp2gp.message;

import java.util.Arrays;
import java.util.Optional;

/** The five GP2GP interactions (protocol 1.5); the id is both the ebXML Action and the HL7 root element. */
public enum Interaction {
    EHR_REQUEST("RCMR_IN010000UK05", "V3NPfIT3.1.10"),
    EHR_EXTRACT("RCMR_IN030000UK06", "V3NPfIT3.1.10"),
    /** The redaction-capable extract: same structure, adds confidentialityCode. */
    EHR_EXTRACT_UK07("RCMR_IN030000UK07", "V3NPfIT3.1.10"),
    ACKNOWLEDGEMENT("MCCI_IN010000UK13", "V3NPfIT4.2.00"),
    /** Common point-to-point: continue request, fragment index or fragment. */
    COPC("COPC_IN000001UK01", "V3NPfIT3.0");

    private final String id;
    private final String versionCode;

    Interaction(String id, String versionCode) {
        this.id = id;
        this.versionCode = versionCode;
    }

    public String id() {
        return id;
    }

    /** The HL7 versionCode the NHS adaptors write for this interaction. */
    public String versionCode() {
        return versionCode;
    }

    public boolean isExtract() {
        return this == EHR_EXTRACT || this == EHR_EXTRACT_UK07;
    }

    public static Optional<Interaction> of(String id) {
        String trimmed = id == null ? "" : id.strip();
        return Arrays.stream(values()).filter(i -> i.id.equals(trimmed)).findFirst();
    }

    /** The negative-acknowledgement code for a message of this kind that cannot be processed (protocol 2.4). */
    public NackCode unprocessableCode() {
        return switch (this) {
            case EHR_REQUEST -> NackCode.REQUEST_MALFORMED;
            case EHR_EXTRACT, EHR_EXTRACT_UK07 -> NackCode.EXTRACT_MALFORMED;
            case COPC -> NackCode.LARGE_MESSAGE_GENERAL_FAILURE;
            // Acknowledgements are never acknowledged.
            case ACKNOWLEDGEMENT -> null;
        };
    }
}

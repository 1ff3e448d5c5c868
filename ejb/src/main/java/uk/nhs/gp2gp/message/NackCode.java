package uk.nhs.gp2gp.message;

/**
 * The GP2GP reason codes (code system 2.16.840.1.113883.2.1.3.2.4.17.101) that reading a message
 * can lead to. The full list with plain-English meanings is {@code transfer.ReasonCode}; this
 * package does not depend on the workflow, so it names only the codes a reader raises.
 */
public enum NackCode {
    /** Request message not well-formed or not able to be processed. */
    REQUEST_MALFORMED("18"),
    /** EHR extract not well-formed or not able to be processed. */
    EXTRACT_MALFORMED("21"),
    /** Large message general failure (a COPC cannot be processed, limits). */
    LARGE_MESSAGE_GENERAL_FAILURE("30");

    private final String code;

    NackCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

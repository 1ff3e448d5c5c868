package uk.nhs.gp2gp.transfer;

import java.util.Arrays;
import java.util.Optional;

/**
 * The GP2GP negative-acknowledgement reason codes (code system 2.16.840.1.113883.2.1.3.2.4.17.101),
 * each with what it means in plain English and what the practice should do next.
 */
public enum ReasonCode {
    // 03, 04 and 05 are deprecated: never sent any more, but old systems may still send them.
    R03("03", "Record cannot be sent",
            "The old practice holds the record but its system could not send it (an old code).",
            "Ask the old practice to send the record on paper; raise it with their system supplier."),
    R04("04", "Record unavailable",
            "The old practice's system says the record is not available to send (an old code).",
            "Ask the old practice to send the record on paper."),
    R05("05", "Record lost",
            "The old practice's system says the record has been lost (an old code).",
            "Contact the old practice; the paper record is the only copy left."),
    R06("06", "Patient not at surgery",
            "The old practice's system does not hold this patient (NHS number not found or not registered there).",
            "Check the NHS number and the previous practice with PDS; ask the previous practice. The paper record will follow."),
    R07("07", "GP2GP disabled",
            "GP2GP messaging is not switched on at the old practice.",
            "Contact the old practice or their system supplier; the paper record will follow."),
    R08("08", "Configuration prevents processing",
            "The old practice's system is set up so that it cannot process this request (an old Safe Exchange Framework code).",
            "Contact the old practice or their system supplier; the paper record will follow."),
    R09("09", "Unexpected EHR",
            "A record arrived that this practice never asked for.",
            "No action at the receiving practice; the sending practice should check what it sent."),
    R10("10", "Failed to generate",
            "The old practice's system could not produce the electronic record.",
            "Ask the old practice to check their system and retry; otherwise the paper record will follow."),
    R11("11", "Failed to integrate",
            "The new practice could not integrate (file) the record.",
            "The paper record will be sent; raise it with your system supplier if it keeps happening."),
    R12("12", "Duplicate EHR",
            "A second record arrived in a transfer that already had one; the duplicate was refused.",
            "No action: the first record is the one kept."),
    R13("13", "Config issue",
            "A system's configuration stopped it from processing the message.",
            "Contact the system supplier of the practice that raised it."),
    R14("14", "Requester not large-message compliant",
            "The record needs large messaging, which the new practice's system cannot receive.",
            "The paper record will follow; raise it with your system supplier."),
    R15("15", "A-B-A suppressed",
            "A returning patient's record was received and stored as suppressed. This counts as integrated.",
            "No action."),
    R17("17", "A-B-A wrong patient",
            "A returning patient's record was rejected as the wrong record or the wrong patient.",
            "Check the patient's identity and the NHS number; the paper record will follow."),
    R18("18", "Request malformed",
            "The request for the record could not be read by the old practice's system.",
            "Retry the transfer; if it fails again, contact support with the conversation id."),
    R19("19", "Unauthorised request",
            "The old practice's system says the requesting practice is not the patient's registered practice.",
            "Make sure the patient's registration has been updated on PDS, then retry."),
    R20("20", "Spine error",
            "The national Spine answered with an error while the old practice handled the request.",
            "Retry later; contact support if it persists."),
    R21("21", "Extract malformed",
            "The record that arrived could not be read or processed.",
            "Retry the transfer; the old practice's supplier may need to look at the record. Paper record follows."),
    R23("23", "Sender not large-message compliant",
            "The record needs large messaging, which the old practice's system cannot send.",
            "The paper record will follow."),
    R24("24", "SDS lookup",
            "The other practice's system could not be found in the national directory (SDS).",
            "Check the practice's ODS code and its GP2GP set-up in the directory, then retry."),
    R25("25", "Timeout",
            "The large record did not arrive completely within the time allowed.",
            "Retry the transfer; the paper record will follow if it fails again."),
    R26("26", "Filed as attachment",
            "A returning patient's record was filed as an attachment instead of being integrated.",
            "Review the attachment and record the clinical information; counts as a failure."),
    R28("28", "Wrong patient",
            "The record was rejected as the wrong record or the wrong patient.",
            "Check the patient's identity and NHS number; the paper record will follow."),
    R29("29", "Large-message reassembly failure",
            "The parts of a large record could not be put back together.",
            "Retry the transfer; the paper record will follow if it fails again."),
    R30("30", "Large-message general failure",
            "A part of a large record could not be sent or processed (for instance a size limit).",
            "Retry the transfer; the paper record will follow if it fails again."),
    R31("31", "Missing large-message parts",
            "One or more parts of a large record never arrived.",
            "Retry the transfer; the paper record will follow if it fails again."),
    R99("99", "Unexpected",
            "An unexpected problem stopped the transfer (or no final acknowledgement came within 8 days).",
            "Contact support with the conversation id; the paper record will follow.");

    private final String code;
    private final String shortName;
    private final String meaning;
    private final String nextStep;

    ReasonCode(String code, String shortName, String meaning, String nextStep) {
        this.code = code;
        this.shortName = shortName;
        this.meaning = meaning;
        this.nextStep = nextStep;
    }

    public String code() {
        return code;
    }

    public String shortName() {
        return shortName;
    }

    public String meaning() {
        return meaning;
    }

    public String nextStep() {
        return nextStep;
    }

    /**
     * The code's text in the EhrRequestAckCode vocabulary (MIM 6.3.01), written as the NACK's
     * {@code displayName} as the national repository writes it (prm-repo-ehr-transfer-service,
     * {@code AcknowledgementErrorCode}).
     */
    public String displayName() {
        return switch (this) {
            case R03 -> "EHR Extract available but cannot be sent";
            case R04 -> "EHR Extract unavailable";
            case R05 -> "EHR Extract lost";
            case R06 -> "Patient not at surgery";
            case R07 -> "GP2GP Messaging is not enabled on this system";
            case R08 -> "The system\u2019s configuration prevents it from processing this message";
            case R09 -> "EHR Extract received without corresponding request";
            case R10 -> "Failed to successfully generate EHR Extract";
            case R11 -> "Failed to successfully integrate EHR Extract";
            case R12 -> "Duplicate EHR Extract received";
            case R13 -> "The system\u2019s configuration prevents it from processing this message";
            case R14 -> "Message not sent because requesting practice is not Large Message compliant";
            case R15 -> "A-B-A EHR Extract Received and Stored As Suppressed Record";
            case R17 -> "A-B-A EHR Extract Received and rejected due to wrong record or wrong patient";
            case R18 -> "Request message not well-formed or not able to be processed";
            case R19 -> "Sender check indicates that Requester is not the patient\u2019s current healthcare provider";
            case R20 -> "Spine system responded with an error";
            case R21 -> "EHR Extract message not well-formed or not able to be processed";
            case R23 -> "Message not sent because sending practice is not Large Message compliant";
            case R24 -> "SDS lookup provided zero or more than one result to the query for each interaction";
            case R25 -> "Large messages rejected due to timeout duration reached of overall transfer";
            case R26 -> "Returning Patient EHR Extract Received and filed as an attachment";
            case R28 -> "Non A-B-A EHR Extract Received and rejected due to wrong record or wrong patient";
            case R29 -> "Large Message Re-assembly failure";
            case R30 -> "Large Message general failure";
            case R31 -> "The overall EHR Extract has been rejected because one or more attachments via Large Messages"
                    + " were not received";
            case R99 -> "Unexpected condition";
        };
    }

    /** Accepts "6" as well as "06": reporting data drops the leading zero. */
    public static Optional<ReasonCode> of(String text) {
        if (text == null || !text.strip().matches("\\d{1,2}")) {
            return Optional.empty();
        }
        String normalised = String.format("%02d", Integer.parseInt(text.strip()));
        return Arrays.stream(values()).filter(r -> r.code.equals(normalised)).findFirst();
    }
}

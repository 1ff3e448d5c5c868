package uk.nhs.gp2gp.transfer;

import java.util.List;

/**
 * What the workflow needs to know of a message that arrived, whatever form it came in. Text
 * fields are as received (ids upper-cased); {@code nhsNumber} may be a placeholder a real sender
 * put there, which the workflow refuses with the right code.
 *
 * @param refersTo          for acknowledgements: the acknowledged message; for a continue request: the extract
 * @param ehrRequestId      for a request: its EhrRequest id; for an extract: the request it fulfils
 * @param externalParts     for an extract or fragment index: the parts sent separately, in manifest order
 * @param attachments       the parts that came inside this message
 * @param payload           the HL7 payload as received
 * @param sender            who sent it: the ebXML From party (its ODS code and party key) and the HL7
 *                          wrapper's sending ASID (communicationFunctionSnd), as received
 */
public record ReceivedMessage(String interactionId, String conversationId, String messageId, String fromOds,
        String toOds, String nhsNumber, String refersTo, AckType ackType, String reasonCode, String reasonText,
        String ehrRequestId, List<ExternalPart> externalParts, List<InlineAttachment> attachments, byte[] payload,
        Party sender) {

    public static final String EHR_REQUEST = "RCMR_IN010000UK05";
    public static final String EHR_EXTRACT = "RCMR_IN030000UK06";
    public static final String EHR_EXTRACT_UK07 = "RCMR_IN030000UK07";
    public static final String ACKNOWLEDGEMENT = "MCCI_IN010000UK13";
    public static final String COMMON = "COPC_IN000001UK01";

    /** The requester's COPC asking for the parts of an extract (protocol 2.2). */
    public boolean isContinueRequest() {
        return COMMON.equals(interactionId) && refersTo != null;
    }

    public boolean isExtract() {
        return EHR_EXTRACT.equals(interactionId) || EHR_EXTRACT_UK07.equals(interactionId);
    }
}

package uk.nhs.gp2gp.transfer;

import java.util.List;
import uk.nhs.gp2gp.message.Interaction;

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

    /** The interaction: only messages of a GP2GP interaction are read. */
    public Interaction interaction() {
        return Interaction.of(interactionId).orElseThrow();
    }

    /** The requester's COPC asking for the parts of an extract (protocol 2.2). */
    public boolean isContinueRequest() {
        return interaction() == Interaction.COPC && refersTo != null;
    }
}

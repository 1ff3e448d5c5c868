package uk.nhs.gp2gp.transfer;

import java.util.List;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.Violation;

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
 * @param fromOds           the practice the HL7 payload names as sender (a request's author, a fragment's
 *                          From, an extract's author: the record's practice); null where it names none
 * @param toOds             the practice the HL7 payload names as destination; null where it names none
 * @param sender            who sent it: the ebXML From party key, the HL7 sending ASID (communicationFunctionSnd)
 *                          and, for a request or a fragment, the HL7 ODS code (see {@link PracticeIdentification})
 * @param receiver          whom it is for: the ebXML To party key, the HL7 receiving ASID and destination ODS code
 * @param fault             why its content cannot be used (the first error the validator found), null when it can:
 *                          its ids could be read, so it is answered in its conversation (see {@link Faults})
 */
public record ReceivedMessage(String interactionId, String conversationId, String messageId, String fromOds,
        String toOds, String nhsNumber, String refersTo, AckType ackType, String reasonCode, String reasonText,
        String ehrRequestId, List<ExternalPart> externalParts, List<InlineAttachment> attachments, byte[] payload,
        Party sender, Party receiver, Violation fault) {

    /** The interaction: only messages of a GP2GP interaction are read. */
    public Interaction interaction() {
        return Interaction.of(interactionId).orElseThrow();
    }

    public boolean isUsable() {
        return fault == null;
    }

    /** The requester's COPC asking for the parts of an extract (protocol 2.2). */
    public boolean isContinueRequest() {
        return interaction() == Interaction.COPC && refersTo != null;
    }
}

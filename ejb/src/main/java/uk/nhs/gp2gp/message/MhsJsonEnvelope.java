package uk.nhs.gp2gp.message;

import java.util.List;

/**
 * The MHS adaptor's JSON form of a message (protocol 8.1, 8.2): the ebXML envelope and the HL7
 * payload as strings, the inline attachments with their content, the external ones by message id.
 * The NHS sender adaptor's outbound request has no {@code ebXML}; its task messages wrap the
 * request in a {@code data} string ({@code taskConversationId} comes from there).
 */
public record MhsJsonEnvelope(String ebXml, String payload, List<JsonAttachment> attachments,
        List<ExternalAttachment> externalAttachments, String taskConversationId) {

    public MhsJsonEnvelope {
        attachments = List.copyOf(attachments);
        externalAttachments = List.copyOf(externalAttachments);
    }

    /**
     * One inline attachment. {@code is_base64} arrives as a boolean or as the string "true".
     *
     * @param contentId null when the sender gave none (several real messages)
     */
    public record JsonAttachment(String contentId, String contentType, boolean base64, String description,
            String documentId, String payload) {
    }
}

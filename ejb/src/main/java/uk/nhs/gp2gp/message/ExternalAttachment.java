package uk.nhs.gp2gp.message;

/**
 * An attachment sent as a message of its own (a COPC), named by a {@code mid:} manifest reference
 * or the MHS JSON envelope's {@code external_attachments}.
 *
 * @param messageId the ebXML MessageId of the COPC that will carry it
 */
public record ExternalAttachment(String messageId, String documentId, AttachmentDescription description) {
}

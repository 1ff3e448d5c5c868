package uk.nhs.gp2gp.message;

/**
 * An attachment carried inside the message (a {@code cid:} MIME part, or an entry of the MHS JSON
 * envelope's {@code attachments}). The content itself is streamed to an {@link AttachmentSink};
 * this record says what it was.
 *
 * @param contentId   without angle brackets; generated ("part-N") when the sender gave none
 * @param contentType the MIME type of the part as sent
 * @param base64      transported as base64 text
 * @param length      bytes (multipart) or characters (JSON) as transported
 * @param description from the matching manifest reference (or the JSON entry)
 */
public record Attachment(String contentId, String contentType, boolean base64, long length,
        AttachmentDescription description, String documentId) {
}

package uk.nhs.gp2gp.message;

/**
 * One {@code eb:Manifest/eb:Reference}: {@code cid:<content-id>} names a MIME part of this message,
 * {@code mid:<message-id>} an attachment sent as another message (a COPC).
 *
 * @param documentId  {@code @eb:id}, the document id the record refers to (often prefixed "_")
 * @param description the attachment description (protocol 3.7), or "HL7 payload"
 * @param hl7Payload  carries {@code hl7ebxml:Payload}: this reference is the HL7 payload
 */
public record ManifestReference(String href, String documentId, String description, boolean hl7Payload) {

    public boolean isContent() {
        return hasScheme("cid:");
    }

    public boolean isExternal() {
        return hasScheme("mid:");
    }

    /** The Content-Id this reference names (without "cid:"), or null. */
    public String contentId() {
        return isContent() ? href.substring(4).strip() : null;
    }

    /** The message id this reference names (without "mid:"), or null. */
    public String messageId() {
        return isExternal() ? href.substring(4).strip() : null;
    }

    public AttachmentDescription details() {
        return AttachmentDescription.parse(description);
    }

    private boolean hasScheme(String scheme) {
        return href != null && href.strip().regionMatches(true, 0, scheme, 0, scheme.length());
    }
}

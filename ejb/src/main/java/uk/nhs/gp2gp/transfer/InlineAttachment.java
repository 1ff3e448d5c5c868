package uk.nhs.gp2gp.transfer;

/**
 * An attachment that travels inside the extract's message (a {@code cid:} part): its MIME content
 * id, the type of the original file, the GP2GP attachment description, and the bytes as sent
 * (base64 text when {@code base64}).
 */
public record InlineAttachment(String contentId, String contentType, boolean base64, String description,
        String payload) {
}

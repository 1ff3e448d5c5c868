package uk.nhs.gp2gp.message;

/**
 * A file an extract carries or announces: inline (a {@code cid:} part of the extract's message) or
 * external (sent later in a COPC of its own, {@code mid:}).
 *
 * @param length     the length of the content as it will be transported (base64 text)
 * @param compressed gzip-compressed before base64
 * @param skeleton   the compressed original of a skeleton extract (protocol 2.3)
 */
public record OutgoingFile(String fileName, String contentType, long length, boolean compressed, boolean external,
        boolean largeAttachment, boolean skeleton) {

    public static OutgoingFile inline(String fileName, String contentType, long length) {
        return new OutgoingFile(fileName, contentType, length, false, false, false, false);
    }

    public static OutgoingFile external(String fileName, String contentType, long length, boolean largeAttachment) {
        return new OutgoingFile(fileName, contentType, length, false, true, largeAttachment, false);
    }
}

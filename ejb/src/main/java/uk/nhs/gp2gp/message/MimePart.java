package uk.nhs.gp2gp.message;

import java.io.InputStream;
import java.util.Locale;

/**
 * One part of a multipart/related ebXML message, its content a stream that ends with the part
 * (read it before asking for the next part).
 *
 * @param index            1 for the ebXML envelope, 2 for the HL7 payload, 3 and on for attachments
 * @param contentId        without angle brackets; null when the part has none
 * @param transferEncoding the Content-Transfer-Encoding, lower case ("8bit" when absent)
 * @param reference        the manifest reference naming this part, or null
 * @param content          the bytes as transported (base64 text when {@link #isBase64()})
 */
public record MimePart(int index, String contentId, String contentType, String transferEncoding,
        ManifestReference reference, InputStream content) {

    public boolean isBase64() {
        return "base64".equals(transferEncoding);
    }

    /** The content decoded from base64 when it was transported so; the file itself otherwise. */
    public InputStream decoded() {
        return isBase64() ? new Base64DecodingInputStream(content) : content;
    }

    static String transferEncodingOf(String header) {
        return header == null || header.isBlank() ? "8bit" : header.strip().toLowerCase(Locale.ROOT);
    }

    static String contentIdOf(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String id = header.strip();
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id.strip();
    }
}

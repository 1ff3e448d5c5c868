package uk.nhs.gp2gp.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Any {@code multipart/related} body read one part at a time, each part's content a stream that
 * ends with the part (read it before moving on): a record of 100 MB is never held in memory.
 * A body that is not multipart raises {@link MessageProblem}; one that breaks off or is too long
 * raises it while being read.
 */
public final class MultipartParts {

    private final MimePartStream parts;
    private int index;

    private MultipartParts(MimePartStream parts) {
        this.parts = parts;
    }

    /** Reads {@code body} as the multipart its Content-Type header says, up to {@code maxBytes} in all. */
    public static MultipartParts open(InputStream body, String contentType, long maxBytes) {
        ContentTypeHeader type = ContentTypeHeader.parse(contentType);
        String boundary = type.parameter("boundary");
        if (!type.mimeType().startsWith("multipart/") || boundary == null || boundary.isEmpty()
                || boundary.length() > 200) {
            throw MessageProblem.of("Content-Type", "Content-Type header", "is not multipart with a usable boundary",
                    "multipart/related; boundary=\"...\" (1 to 200 characters)", null);
        }
        return new MultipartParts(new MimePartStream(new LimitedInputStream(body, maxBytes, "body"), boundary));
    }

    /** The next part, or null after the last. */
    public Part next() {
        try {
            if (!parts.next()) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        index++;
        String contentType = parts.headers().get("content-type");
        boolean base64 = "base64".equals(MimePart.transferEncodingOf(parts.headers().get("content-transfer-encoding")));
        return new Part(index, MimePart.contentIdOf(parts.headers().get("content-id")),
                contentType == null || contentType.isBlank() ? null : contentType.split(";")[0].strip(),
                parts.headers().get("content-description"),
                base64 ? new Base64DecodingInputStream(parts.body()) : parts.body());
    }

    /**
     * One part: its Content-Id (without angle brackets), media type and Content-Description (null
     * when absent), and its content, decoded from base64 when it was sent so.
     */
    public record Part(int index, String contentId, String contentType, String description, InputStream content) {
    }
}

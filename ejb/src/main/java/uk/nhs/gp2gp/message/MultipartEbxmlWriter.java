package uk.nhs.gp2gp.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a message in its wire form, multipart/related ebXML (protocol 4.5): the envelope, the
 * HL7 payload, then each attachment copied from its source as it is written.
 */
public final class MultipartEbxmlWriter {

    /** The boundary the MHS adaptor uses. */
    public static final String BOUNDARY = "--=_MIME-Boundary";
    public static final String CONTENT_TYPE = "multipart/related; boundary=\"" + BOUNDARY
            + "\"; type=\"text/xml\"; start=\"<ebXMLHeader@spine.nhs.uk>\"";

    /** Where an attachment's content (as transported: base64 text when it says so) comes from. */
    @FunctionalInterface
    public interface AttachmentSource {
        InputStream open(Attachment attachment) throws IOException;
    }

    private MultipartEbxmlWriter() {
    }

    public static void write(Gp2gpMessage message, AttachmentSource contents, OutputStream out) {
        try {
            Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            part(text, "ebXMLHeader@spine.nhs.uk", "text/xml; charset=UTF-8", "8bit");
            text.write(EbxmlWriter.toXml(message.envelope()));
            ManifestReference payload = message.envelope().payloadReference();
            part(text, payload == null ? message.messageId() + "@spine.nhs.uk" : payload.contentId(),
                    "text/xml; charset=UTF-8", "8bit");
            Hl7Writer.write(message.payload(), text);
            for (Attachment a : message.attachments()) {
                part(text, a.contentId(), a.contentType(), a.base64() ? "base64" : "8bit");
                text.flush();
                try (InputStream content = contents.open(a)) {
                    content.transferTo(out);
                }
            }
            text.write("\r\n--" + BOUNDARY + "--\r\n");
            text.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void part(Writer out, String contentId, String contentType, String encoding) throws IOException {
        out.write("\r\n--" + BOUNDARY + "\r\n");
        out.write("Content-Id: <" + contentId + ">\r\n");
        out.write("Content-Type: " + contentType + "\r\n");
        out.write("Content-Transfer-Encoding: " + encoding + "\r\n\r\n");
    }
}

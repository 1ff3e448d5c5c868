package uk.nhs.gp2gp.message;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.function.Function;

/**
 * Writes a message as the MHS adaptor's inbound JSON envelope (protocol 8.2): the form peers and
 * the MHS adaptor hand messages over in. Attachment contents are strings there, so they are given
 * as strings. A content type the adaptor does not accept is written as octet-stream (the
 * description keeps the real one: {@link AdaptorContentTypes}).
 */
public final class MhsJsonWriter {

    private static final JsonProvider JSON = JsonProvider.provider();

    private MhsJsonWriter() {
    }

    public static String toJson(Gp2gpMessage message, Function<Attachment, String> contents) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            if (message.envelope() != null) {
                json.write("ebXML", EbxmlWriter.toXml(message.envelope()));
            }
            if (message.payload() != null) {
                json.write("payload", Hl7Writer.toXml(message.payload()));
            }
            json.writeStartArray("attachments");
            for (Attachment a : message.attachments()) {
                json.writeStartObject().write("content_id", a.contentId())
                        .write("content_type", AdaptorContentTypes.onWire(a.contentType()))
                        .write("is_base64", a.base64()).write("description", a.description().text());
                if (a.documentId() != null) {
                    json.write("document_id", a.documentId());
                }
                json.write("payload", contents.apply(a)).writeEnd();
            }
            json.writeEnd();
            json.writeStartArray("external_attachments");
            for (ExternalAttachment e : message.externalAttachments()) {
                json.writeStartObject().write("message_id", e.messageId())
                        .write("description", e.description().text());
                if (e.documentId() != null) {
                    json.write("document_id", e.documentId());
                }
                json.writeEnd();
            }
            json.writeEnd();
            json.writeEnd();
        }
        return out.toString();
    }
}

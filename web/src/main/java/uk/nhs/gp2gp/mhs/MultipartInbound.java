package uk.nhs.gp2gp.mhs;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import uk.nhs.gp2gp.message.ManifestReference;
import uk.nhs.gp2gp.message.MessageLimits;
import uk.nhs.gp2gp.message.MimePart;
import uk.nhs.gp2gp.message.MultipartEbxmlReader;

/**
 * A GP2GP message as the Spine sends it, multipart/related (ebXML envelope, HL7 payload,
 * attachments), turned into the MHS adaptor's JSON envelope that the workflow reads. Attachments
 * keep their transport form (base64 stays base64) and take their description from the manifest.
 */
final class MultipartInbound {

    private static final JsonProvider JSON = JsonProvider.provider();

    private MultipartInbound() {
    }

    /** Throws {@link uk.nhs.gp2gp.message.MessageProblem} saying what is wrong with the message. */
    static byte[] asMhsEnvelope(byte[] body, String contentType) {
        try (MultipartEbxmlReader reader = MultipartEbxmlReader.open(new ByteArrayInputStream(body), contentType,
                MessageLimits.defaults())) {
            String ebxml = new String(reader.envelopeBytes(), UTF_8);
            String payload = new String(reader.payloadPart().decoded().readAllBytes(), UTF_8);
            JsonArrayBuilder attachments = JSON.createArrayBuilder();
            for (MimePart part = reader.nextAttachment(); part != null; part = reader.nextAttachment()) {
                String description = part.reference() == null ? null : part.reference().description();
                attachments.add(JSON.createObjectBuilder()
                        .add("content_id", part.contentId() == null ? "attachment-" + part.index() : part.contentId())
                        .add("content_type", part.contentType() == null ? "application/octet-stream"
                                : part.contentType())
                        .add("is_base64", part.isBase64())
                        .add("description", description == null ? "" : description)
                        .add("payload", new String(part.content().readAllBytes(), UTF_8)));
            }
            // Parts sent as messages of their own (large messaging), as the adaptor lists them.
            JsonArrayBuilder external = JSON.createArrayBuilder();
            for (ManifestReference reference : reader.envelope().externalReferences()) {
                external.add(JSON.createObjectBuilder().add("message_id", reference.messageId())
                        .add("description", reference.description() == null ? "" : reference.description()));
            }
            return JSON.createObjectBuilder().add("ebXML", ebxml).add("payload", payload)
                    .add("attachments", attachments).add("external_attachments", external)
                    .build().toString().getBytes(UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

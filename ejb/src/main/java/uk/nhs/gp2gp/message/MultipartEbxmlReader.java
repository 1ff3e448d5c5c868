package uk.nhs.gp2gp.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a GP2GP message in its wire form, {@code multipart/related} ebXML (protocol 4.5): part 1 the
 * SOAP ebXML envelope, part 2 the HL7 payload, then the attachments, each matched to its manifest
 * reference by Content-Id. Streams: each part is read from the input as it is consumed, so a
 * message of any size needs only a 64 KB window plus what the caller keeps.
 *
 * <pre>{@code
 * try (MultipartEbxmlReader reader = MultipartEbxmlReader.open(body, contentType, MessageLimits.defaults())) {
 *     EbxmlEnvelope envelope = reader.envelope();   // read when opened
 *     Hl7Message payload = reader.readPayload();   // or reader.payloadPart().content() to store it
 *     for (MimePart part; (part = reader.nextAttachment()) != null; ) {
 *         store(part.contentId(), part.reference(), part.content());   // before asking for the next
 *     }
 * }
 * }</pre>
 * Problems throw {@link MessageProblem} saying where; {@link #notes()} holds what was odd but readable.
 */
public final class MultipartEbxmlReader implements AutoCloseable {

    private final InputStream input;
    private final MimePartStream parts;
    private final MessageLimits limits;
    private final EbxmlEnvelope envelope;
    private final byte[] envelopeBytes;
    private final List<Violation> notes = new ArrayList<>();
    private int partsRead = 1;
    private MimePart payloadPart;

    private MultipartEbxmlReader(InputStream input, String boundary, String start, MessageLimits limits)
            throws IOException {
        this.input = input;
        this.limits = limits;
        this.parts = new MimePartStream(input, boundary);
        if (!parts.next()) {
            throw MessageProblem.of("multipart", "part 1", "the multipart body has no parts",
                    "part 1 the ebXML envelope, part 2 the HL7 payload", null);
        }
        String firstId = MimePart.contentIdOf(parts.headers().get("content-id"));
        if (start != null && firstId != null && !MimePart.contentIdOf(start).equalsIgnoreCase(firstId)) {
            notes.add(Violation.warning("multipart", "part 1",
                    "the first part is not the one the Content-Type's start parameter names"));
        }
        // The envelope is small: kept as read, for a receiver that passes it on unchanged.
        envelopeBytes = new LimitedInputStream(decodedBody(), limits.maxEnvelopeBytes(), "ebXML").readAllBytes();
        ReadResult<EbxmlEnvelope> read = new XmlMessageReader(limits)
                .envelope(new java.io.ByteArrayInputStream(envelopeBytes), "ebXML");
        envelope = read.value();
        notes.addAll(read.notes());
    }

    /** Opens the message and reads its ebXML envelope (part 1). */
    public static MultipartEbxmlReader open(InputStream body, String contentType, MessageLimits limits) {
        ContentTypeHeader type = ContentTypeHeader.parse(contentType);
        if (!type.mimeType().startsWith("multipart/")) {
            throw MessageProblem.of("Content-Type", "Content-Type header", "is not multipart",
                    "multipart/related; boundary=...", null);
        }
        String boundary = type.parameter("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw MessageProblem.of("Content-Type", "Content-Type header", "has no usable boundary parameter",
                    "multipart/related; boundary=\"...\" (1 to 200 characters)", null);
        }
        try {
            return new MultipartEbxmlReader(body, boundary, type.parameter("start"), limits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EbxmlEnvelope envelope() {
        return envelope;
    }

    /** Part 1 as it arrived (decoded from base64 if it was sent so). */
    public byte[] envelopeBytes() {
        return envelopeBytes.clone();
    }

    /** What was odd but readable so far (wrong start part, payload part not named by the manifest). */
    public List<Violation> notes() {
        return List.copyOf(notes);
    }

    /** Part 2, the HL7 payload, as a stream; read it before {@link #nextAttachment()}. */
    public MimePart payloadPart() {
        if (payloadPart == null) {
            if (partsRead != 1 || !advance()) {
                throw MessageProblem.of("payload", "part 2", "the message has no HL7 payload part",
                        "part 2 the HL7 payload", null);
            }
            ManifestReference named = envelope.payloadReference();
            payloadPart = part(new LimitedInputStream(decodedBody(), limits.maxPayloadBytes(), "payload"),
                    named);
            if (named != null && payloadPart.contentId() != null && named.contentId() != null
                    && !named.contentId().equalsIgnoreCase(payloadPart.contentId())) {
                notes.add(Violation.warning("payload", "part 2",
                        "the payload part's Content-Id is not the one the manifest's first reference names"));
            }
        }
        return payloadPart;
    }

    /** Reads part 2 as the HL7 payload, streaming; its notes join {@link #notes()}. */
    public Hl7Message readPayload() {
        ReadResult<Hl7Message> read = new XmlMessageReader(limits).payload(payloadPart().content(), "payload");
        notes.addAll(read.notes());
        return read.value();
    }

    /** The next attachment, skipping whatever of the previous part was not read; null after the last. */
    public MimePart nextAttachment() {
        if (payloadPart == null) {
            payloadPart();
        }
        if (!advance()) {
            return null;
        }
        if (partsRead - 2 > limits.maxAttachments()) {
            throw MessageProblem.of("attachments", "part " + partsRead, "more than " + limits.maxAttachments()
                    + " attachments", "at most " + limits.maxAttachments(), null);
        }
        String contentId = MimePart.contentIdOf(parts.headers().get("content-id"));
        ManifestReference reference = contentId == null ? null : envelope.contentReferences().stream()
                .filter(r -> contentId.equalsIgnoreCase(r.contentId())).findFirst().orElse(null);
        return part(new LimitedInputStream(parts.body(), limits.maxAttachmentBytes(), "attachment " + contentId),
                reference);
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

    private boolean advance() {
        try {
            boolean more = parts.next();
            if (more) {
                partsRead++;
            }
            return more;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MimePart part(InputStream content, ManifestReference reference) {
        return new MimePart(partsRead, MimePart.contentIdOf(parts.headers().get("content-id")),
                parts.headers().getOrDefault("content-type", "application/octet-stream"),
                MimePart.transferEncodingOf(parts.headers().get("content-transfer-encoding")), reference, content);
    }

    /** The envelope and payload are XML; senders may still base64 them. */
    private InputStream decodedBody() {
        boolean base64 = "base64".equals(MimePart.transferEncodingOf(parts.headers().get("content-transfer-encoding")));
        return base64 ? new Base64DecodingInputStream(parts.body()) : parts.body();
    }
}

package uk.nhs.gp2gp.message;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a GP2GP message in any of its forms: multipart/related ebXML (the wire), the MHS adaptor's
 * JSON envelope, or raw XML (an HL7 payload or an ebXML envelope on its own). XML is streamed;
 * attachments go to an {@link AttachmentSink} as they pass. Unreadable input throws
 * {@link MessageProblem}; everything readable comes back with its findings (errors and warnings,
 * see {@link MessageValidator}).
 */
public final class MessageParser {

    private final MessageLimits limits;
    private final XmlMessageReader xml;

    public MessageParser() {
        this(MessageLimits.defaults());
    }

    public MessageParser(MessageLimits limits) {
        this.limits = limits;
        this.xml = new XmlMessageReader(limits);
    }

    public Gp2gpMessage parse(InputStream in, String contentType) {
        return parse(in, contentType, AttachmentSink.DISCARD);
    }

    /** Chooses the form by the content type; without one, by the first character ({@code {} or {@code <}). */
    public Gp2gpMessage parse(InputStream in, String contentType, AttachmentSink sink) {
        String type = ContentTypeHeader.parse(contentType).mimeType();
        if (type.startsWith("multipart/")) {
            return parseMultipart(in, contentType, sink);
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            return parseJson(in, sink);
        }
        if (type.equals("application/xml") || type.equals("text/xml") || type.endsWith("+xml")) {
            return parseXml(in);
        }
        if (!type.isEmpty() && !type.equals("application/octet-stream") && !type.equals("text/plain")) {
            throw MessageProblem.of("Content-Type", "Content-Type header", "is " + type,
                    "application/xml, text/xml, application/json or multipart/related", null);
        }
        BufferedInputStream buffered = new BufferedInputStream(in);
        return switch (firstCharacter(buffered)) {
            case '{' -> parseJson(buffered, sink);
            case '<' -> parseXml(buffered);
            default -> throw MessageProblem.of("body", "body", "is neither XML nor JSON",
                    "XML, the MHS JSON envelope, or multipart/related with a Content-Type", null);
        };
    }

    /** Raw XML: an HL7 payload, or an ebXML envelope on its own. */
    public Gp2gpMessage parseXml(InputStream in) {
        XmlMessageReader.Document document = xml.any(in, "xml");
        return finish(document.envelope(), document.payload(), List.of(), externalOf(document.envelope(), List.of()),
                document.notes());
    }

    public Gp2gpMessage parseJson(InputStream in, AttachmentSink sink) {
        return parseJson(in, sink, payload -> {
        });
    }

    /** As {@link #parseJson(InputStream, AttachmentSink)}, handing the HL7 payload's text to {@code payloadText} too. */
    public Gp2gpMessage parseJson(InputStream in, AttachmentSink sink, Consumer<String> payloadText) {
        MhsJsonEnvelope json = new MhsJsonReader(limits).read(in);
        if (json.ebXml() == null && json.payload() == null) {
            throw MessageProblem.of("json", "json", "has neither ebXML nor payload",
                    "the MHS JSON envelope {ebXML, payload, attachments, external_attachments}", null);
        }
        List<Violation> notes = new ArrayList<>();
        EbxmlEnvelope envelope = null;
        if (json.ebXml() != null) {
            ReadResult<EbxmlEnvelope> read = xml.envelope(new StringReader(json.ebXml()), "ebXML");
            envelope = read.value();
            notes.addAll(read.notes());
        } else if (json.taskConversationId() == null) {
            notes.add(Violation.error("ebXML", "json", "the envelope has no ebXML header: the conversation and message"
                    + " ids are unknown", "an ebXML string", null));
        } else {
            notes.add(Violation.warning("ebXML", "json",
                    "an MHS outbound request inside a task message: no ebXML envelope yet"));
        }
        Hl7Message payload = null;
        if (json.payload() != null) {
            ReadResult<Hl7Message> read = xml.payload(new StringReader(json.payload()), "payload");
            payload = read.value();
            payloadText.accept(json.payload());
            notes.addAll(read.notes());
        } else {
            notes.add(Violation.error("payload", "json", "the envelope has no HL7 payload", "a payload string",
                    envelope == null ? null : Interaction.of(envelope.action()).map(Interaction::unprocessableCode)
                            .orElse(null)));
        }
        List<Attachment> attachments = jsonAttachments(json, envelope, sink, notes);
        return finish(envelope, payload, attachments, externalOf(envelope, json.externalAttachments()), notes);
    }

    /**
     * Only the ebXML envelope of an MHS JSON envelope, for a message whose HL7 could not be read: its
     * conversation and message ids still say whom to answer. Null when there is no envelope that can be read.
     */
    public EbxmlEnvelope envelopeOfJson(InputStream in) {
        try {
            MhsJsonEnvelope json = new MhsJsonReader(limits).read(in);
            return json.ebXml() == null ? null : xml.envelope(new StringReader(json.ebXml()), "ebXML").value();
        } catch (MessageProblem unreadable) {
            return null;
        }
    }

    public Gp2gpMessage parseMultipart(InputStream in, String contentType, AttachmentSink sink) {
        try (MultipartEbxmlReader reader = MultipartEbxmlReader.open(in, contentType, limits)) {
            EbxmlEnvelope envelope = reader.envelope();
            Hl7Message payload = reader.readPayload();
            List<Attachment> attachments = new ArrayList<>();
            for (MimePart part; (part = reader.nextAttachment()) != null; ) {
                attachments.add(handOver(part, part.reference(), sink));
            }
            List<Violation> notes = new ArrayList<>(reader.notes());
            notes.addAll(unmatched(envelope, attachments));
            return finish(envelope, payload, attachments, externalOf(envelope, List.of()), notes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Attachment> jsonAttachments(MhsJsonEnvelope json, EbxmlEnvelope envelope, AttachmentSink sink,
            List<Violation> notes) {
        // Senders often leave content_id out: then the parts match the manifest's cid: references in order.
        List<ManifestReference> named = envelope == null ? List.of() : envelope.contentReferences().stream()
                .filter(r -> r != envelope.payloadReference()).toList();
        List<Attachment> attachments = new ArrayList<>();
        List<ManifestReference> matched = new ArrayList<>();
        for (int i = 0; i < json.attachments().size(); i++) {
            MhsJsonEnvelope.JsonAttachment a = json.attachments().get(i);
            String given = MimePart.contentIdOf(a.contentId());
            ManifestReference reference = given != null
                    ? named.stream().filter(r -> given.equalsIgnoreCase(r.contentId())).findFirst().orElse(null)
                    : i < named.size() ? named.get(i) : null;
            String contentId = given != null ? given
                    : reference != null ? reference.contentId() : "attachment-" + (i + 1);
            if (a.payload() == null) {
                notes.add(Violation.error("attachments[" + i + "].payload", "json attachments[" + i + "]",
                        "the attachment has no payload", "the attachment's content as a string",
                        envelope == null ? null : Interaction.of(envelope.action())
                                .map(Interaction::unprocessableCode).orElse(null)));
            }
            if (reference != null) {
                matched.add(reference);
            }
            if (envelope != null && reference == null) {
                notes.add(Violation.warning("attachments[" + i + "]", "json attachments[" + i + "]",
                        "no manifest reference names this attachment"));
            }
            String description = a.description() != null && !a.description().isBlank() ? a.description()
                    : reference == null ? null : reference.description();
            ManifestReference described = new ManifestReference("cid:" + contentId,
                    a.documentId() != null ? a.documentId() : reference == null ? null : reference.documentId(),
                    description, false);
            byte[] content = a.payload() == null ? new byte[0] : a.payload().getBytes(StandardCharsets.UTF_8);
            MimePart part = new MimePart(i + 3, contentId, a.contentType() == null ? "application/octet-stream"
                    : a.contentType(), a.base64() ? "base64" : "8bit", described, new ByteArrayInputStream(content));
            Attachment attachment = handOver(part, described, sink);
            attachments.add(new Attachment(attachment.contentId(), attachment.contentType(), attachment.base64(),
                    a.payload() == null ? 0 : a.payload().length(), attachment.description(),
                    attachment.documentId()));
        }
        for (ManifestReference r : named) {
            if (!matched.contains(r)) {
                notes.add(missingPart(r, envelope));
            }
        }
        return attachments;
    }

    /** Gives the part to the sink, then skips and counts what it left. */
    private static Attachment handOver(MimePart part, ManifestReference reference, AttachmentSink sink) {
        CountingInputStream counted = new CountingInputStream(part.content());
        try {
            sink.accept(new MimePart(part.index(), part.contentId(), part.contentType(), part.transferEncoding(),
                    part.reference(), counted));
            counted.drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String contentId = part.contentId() != null ? part.contentId() : "part-" + part.index();
        return new Attachment(contentId, mimeType(part.contentType()), part.isBase64(), counted.count(),
                AttachmentDescription.parse(reference == null ? null : reference.description()),
                reference == null ? null : reference.documentId());
    }

    /** Manifest cid: references without a part, parts without a reference. */
    private static List<Violation> unmatched(EbxmlEnvelope envelope, List<Attachment> attachments) {
        List<Violation> notes = new ArrayList<>();
        for (ManifestReference r : envelope.contentReferences()) {
            if (r != envelope.payloadReference() && attachments.stream()
                    .noneMatch(a -> a.contentId().equalsIgnoreCase(r.contentId()))) {
                notes.add(missingPart(r, envelope));
            }
        }
        for (Attachment a : attachments) {
            if (envelope.contentReferences().stream().noneMatch(r -> a.contentId().equalsIgnoreCase(r.contentId()))) {
                notes.add(Violation.warning("attachments", "part <" + a.contentId() + ">",
                        "no manifest reference names this part"));
            }
        }
        return notes;
    }

    /** A part the manifest names is not in the message: the message cannot be processed. */
    private static Violation missingPart(ManifestReference reference, EbxmlEnvelope envelope) {
        return Violation.error("attachments", "manifest reference " + reference.href(),
                "the manifest names a part the message does not have", "a part with Content-Id <"
                        + reference.contentId() + ">",
                Interaction.of(envelope.action()).map(Interaction::unprocessableCode).orElse(null));
    }

    /**
     * The attachments sent separately: the JSON envelope's list (the MHS adaptor made it from the
     * manifest, in its order, and its descriptions are the ones receivers use), then any manifest
     * {@code mid:} reference it does not list.
     */
    private static List<ExternalAttachment> externalOf(EbxmlEnvelope envelope, List<ExternalAttachment> listed) {
        Map<String, ExternalAttachment> byId = new LinkedHashMap<>();
        for (ExternalAttachment e : listed) {
            if (e.messageId() != null && !e.messageId().isBlank()) {
                byId.putIfAbsent(e.messageId().strip().toUpperCase(Locale.ROOT), e);
            }
        }
        if (envelope != null) {
            for (ManifestReference r : envelope.externalReferences()) {
                byId.putIfAbsent(r.messageId().toUpperCase(Locale.ROOT),
                        new ExternalAttachment(r.messageId(), r.documentId(), r.details()));
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Checks a record a practice wants to store (an RCMR_IN030000UK06/UK07 message or a bare
     * EhrExtract) and returns the NHS number it is about. Reads the whole record, to be sure it is
     * safe and well-formed, keeping nothing but that one value; throws {@link UnreadableMessageException}.
     */
    public String nhsNumberOfRecord(InputStream record) {
        try {
            return xml.nhsNumberOfRecord(record);
        } catch (MessageProblem e) {
            throw UnreadableMessageException.of(e);
        }
    }

    private Gp2gpMessage finish(EbxmlEnvelope envelope, Hl7Message payload, List<Attachment> attachments,
            List<ExternalAttachment> external, List<Violation> notes) {
        Gp2gpMessage message = new Gp2gpMessage(envelope, payload, attachments, external, notes);
        return message.withFindings(MessageValidator.check(message));
    }

    private static String mimeType(String contentType) {
        String type = ContentTypeHeader.parse(contentType).mimeType();
        return type.isEmpty() ? "application/octet-stream" : type;
    }

    private static int firstCharacter(BufferedInputStream in) {
        try {
            in.mark(4096);
            int c;
            int read = 0;
            do {
                c = in.read();
                read++;
            } while (c >= 0 && read < 4096 && (Character.isWhitespace(c) || c == 0xEF || c == 0xBB || c == 0xBF));
            in.reset();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

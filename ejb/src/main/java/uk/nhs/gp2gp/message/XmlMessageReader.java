package uk.nhs.gp2gp.message;

import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one XML document of a GP2GP message, streaming: the ebXML envelope, an HL7 payload, or
 * (for raw XML of unknown kind) whichever of the two it is. Refuses any other root element.
 */
final class XmlMessageReader {

    private static final String KNOWN_ROOTS = Stream.of(Interaction.values()).map(Interaction::id)
            .collect(Collectors.joining(", ")) + " or SOAP " + EbxmlEnvelopeReader.ROOT;

    private final MessageLimits limits;
    private final XMLInputFactory factory;

    XmlMessageReader(MessageLimits limits) {
        this.limits = limits;
        this.factory = SafeXml.secureFactory(limits.maxDepth());
    }

    ReadResult<EbxmlEnvelope> envelope(InputStream in, String part) {
        return read(SafeXml.open(factory, new LimitedInputStream(in, limits.maxEnvelopeBytes(), part), part), part,
                true, false).asEnvelope();
    }

    ReadResult<EbxmlEnvelope> envelope(Reader in, String part) {
        return read(SafeXml.open(factory, in, part), part, true, false).asEnvelope();
    }

    ReadResult<Hl7Message> payload(InputStream in, String part) {
        return read(SafeXml.open(factory, new LimitedInputStream(in, limits.maxPayloadBytes(), part), part), part,
                false, true).asPayload();
    }

    ReadResult<Hl7Message> payload(Reader in, String part) {
        return read(SafeXml.open(factory, in, part), part, false, true).asPayload();
    }

    /** Raw XML that may be either part. */
    Document any(InputStream in, String part) {
        return read(SafeXml.open(factory, new LimitedInputStream(in, limits.maxPayloadBytes(), part), part), part, true, true);
    }

    /** The NHS number of a stored record: an extract message or a bare EhrExtract; nothing else is kept. */
    String nhsNumberOfRecord(InputStream in) {
        XmlFieldReader.Fields fields = new XmlFieldReader(limits, "record").read(SafeXml.open(factory, in, "record"),
                root -> {
                    String extract = root.equals("EhrExtract") ? "" : Interaction.of(root).filter(Interaction::isExtract)
                            .map(i -> "ControlActEvent/subject/EhrExtract/")
                            .orElseThrow(() -> MessageProblem.of("record", "/" + truncate(root), "the root element "
                                    + truncate(root) + " is not a record", "an extract message or an EhrExtract",
                                    NackCode.EXTRACT_MALFORMED));
                    return new XmlFieldReader.Plan(new PathTrie().captureFirst("nhsNumber",
                            extract + "recordTarget/patient/id@extension"), null);
                });
        if (!Hl7PayloadReader.NAMESPACE.equals(fields.rootNamespace())) {
            throw MessageProblem.of("record", "/" + fields.root(), "the record is not in the "
                    + Hl7PayloadReader.NAMESPACE + " namespace", "HL7 in " + Hl7PayloadReader.NAMESPACE,
                    NackCode.EXTRACT_MALFORMED);
        }
        String nhsNumber = fields.first("nhsNumber");
        if (nhsNumber == null || nhsNumber.isBlank()) {
            throw MessageProblem.of("nhsNumber", "/" + fields.root() + "/.../EhrExtract/recordTarget/patient/id/@extension",
                    "missing", "the patient's NHS number", NackCode.EXTRACT_MALFORMED);
        }
        return nhsNumber;
    }

    /** One document read: exactly one of envelope and payload is set. */
    record Document(EbxmlEnvelope envelope, Hl7Message payload, List<Violation> notes) {

        ReadResult<EbxmlEnvelope> asEnvelope() {
            return new ReadResult<>(envelope, notes);
        }

        ReadResult<Hl7Message> asPayload() {
            return new ReadResult<>(payload, notes);
        }
    }

    private Document read(XMLStreamReader reader, String part, boolean envelopeAllowed, boolean payloadAllowed) {
        XmlFieldReader.Plan[] chosen = new XmlFieldReader.Plan[1];
        Interaction[] interaction = new Interaction[1];
        XmlFieldReader.Fields fields = new XmlFieldReader(limits, part).read(reader, root -> {
            if (envelopeAllowed && root.equals(EbxmlEnvelopeReader.ROOT)) {
                chosen[0] = EbxmlEnvelopeReader.plan();
            } else if (payloadAllowed && Interaction.of(root).isPresent()) {
                interaction[0] = Interaction.of(root).get();
                chosen[0] = Hl7PayloadReader.plan(interaction[0]);
            } else {
                throw unknownRoot(root, part, envelopeAllowed, payloadAllowed);
            }
            return chosen[0];
        });
        if (interaction[0] == null) {
            return new Document(EbxmlEnvelopeReader.toRecord(fields, chosen[0]), null,
                    EbxmlEnvelopeReader.notes(fields));
        }
        List<Violation> notes = new ArrayList<>(Hl7PayloadReader.notes(interaction[0], fields, part));
        return new Document(null, Hl7PayloadReader.toRecord(interaction[0], fields, chosen[0]), notes);
    }

    private static MessageProblem unknownRoot(String root, String part, boolean envelope, boolean payload) {
        String expected = envelope && payload ? KNOWN_ROOTS
                : envelope ? "SOAP " + EbxmlEnvelopeReader.ROOT
                : Set.of(Interaction.values()).stream().map(Interaction::id).sorted().collect(Collectors.joining(", "));
        boolean looksLikeInteraction = root.matches("[A-Z]{4}_IN\\d{6}UK\\d{2}");
        String detail = looksLikeInteraction ? "unknown interaction id " + truncate(root)
                : "the root element " + truncate(root) + " is not a GP2GP message";
        return MessageProblem.of(payload && !envelope ? "interactionId" : part, "/" + truncate(root), detail,
                expected, null);
    }

    private static String truncate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}

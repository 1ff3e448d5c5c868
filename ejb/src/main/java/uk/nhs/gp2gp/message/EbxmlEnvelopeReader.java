package uk.nhs.gp2gp.message;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the ebXML SOAP envelope (protocol 3.1) by local names only: real senders use
 * {@code SOAP:}, {@code soap:}, {@code SOAP-ENV:} and undeclared prefixes alike.
 */
final class EbxmlEnvelopeReader {

    static final String ROOT = "Envelope";
    static final String SOAP_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String HEADER = "Header/MessageHeader/";

    private EbxmlEnvelopeReader() {
    }

    static XmlFieldReader.Plan plan() {
        PathTrie paths = new PathTrie()
                .capture("fromPartyId", HEADER + "From/PartyId#text")
                .capture("toPartyId", HEADER + "To/PartyId#text")
                .capture("cpaId", HEADER + "CPAId#text")
                .capture("conversationId", HEADER + "ConversationId#text")
                .capture("service", HEADER + "Service#text")
                .capture("action", HEADER + "Action#text")
                .capture("messageId", HEADER + "MessageData/MessageId#text")
                .capture("timestamp", HEADER + "MessageData/Timestamp#text")
                .capture("refToMessageId", HEADER + "MessageData/RefToMessageId#text");
        return new XmlFieldReader.Plan(paths, new ManifestWatcher());
    }

    static EbxmlEnvelope toRecord(XmlFieldReader.Fields f, XmlFieldReader.Plan plan) {
        ManifestWatcher manifest = (ManifestWatcher) plan.watcher();
        return new EbxmlEnvelope(f.first("fromPartyId"), f.first("toPartyId"), f.first("cpaId"),
                f.first("conversationId"), f.first("service"), f.first("action"), f.first("messageId"),
                f.first("timestamp"), f.first("refToMessageId"), manifest.duplicateElimination,
                manifest.ackRequested, manifest.references);
    }

    static List<Violation> notes(XmlFieldReader.Fields f) {
        List<Violation> notes = new ArrayList<>();
        if (f.rootNamespace() != null && !SOAP_NAMESPACE.equals(f.rootNamespace())) {
            notes.add(Violation.warning("ebXML", "/Envelope", "the envelope is not in the SOAP 1.1 namespace"));
        }
        return notes;
    }

    /** Groups each manifest Reference with its description and payload marker; notes the header flags. */
    private static final class ManifestWatcher implements XmlFieldReader.Watcher {

        private static final int MAX_REFERENCES = 10_000;

        private final List<ManifestReference> references = new ArrayList<>();
        private boolean duplicateElimination;
        private boolean ackRequested;
        private boolean inManifest;
        private String href;
        private String documentId;
        private String description;
        private boolean hl7Payload;

        @Override
        public boolean start(int depth, String name, XMLStreamReader element) {
            switch (name) {
                case "DuplicateElimination" -> duplicateElimination |= depth == 4;
                case "AckRequested" -> ackRequested |= depth == 3;
                case "Manifest" -> inManifest = depth == 3;
                case "Reference" -> {
                    if (inManifest && depth == 4) {
                        href = SafeXml.attribute(element, "href");
                        documentId = SafeXml.attribute(element, "id");
                        description = null;
                        hl7Payload = false;
                    }
                }
                case "Description" -> {
                    return inManifest && depth == 5;
                }
                case "Payload" -> hl7Payload |= inManifest && depth == 5;
                default -> {
                }
            }
            return false;
        }

        @Override
        public void end(int depth, String name, String text) {
            if (!inManifest) {
                return;
            }
            if (depth == 5 && name.equals("Description")) {
                description = text;
            } else if (depth == 4 && name.equals("Reference") && references.size() < MAX_REFERENCES) {
                references.add(new ManifestReference(strip(href), strip(documentId), description, hl7Payload));
            } else if (depth == 3) {
                inManifest = false;
            }
        }

        private static String strip(String value) {
            return value == null ? null : value.strip();
        }
    }
}

package uk.nhs.gp2gp.message;

import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.Namespace;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * Copies the EhrExtract out of a stored record (an RCMR_IN030000UK06 or UK07 message or a bare EhrExtract),
 * event by event, giving it the new extract id, the link to this conversation's request and the
 * requesting practice as destination. Everything else, the clinical content included, is untouched.
 * On the way it notes the patient's NHS number and the authoring practice (the {@link EhrExtract} fields).
 */
final class ExtractRewriter {

    private static final XMLInputFactory INPUT = namespaceAwareSecureFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();
    private static final XMLEventFactory EVENTS = XMLEventFactory.newInstance();

    private ExtractRewriter() {
    }

    /**
     * The EhrExtract element as written, and what it says of the patient and its author; {@code kind}
     * the interaction the record came as (UK07 when its message was an RCMR_IN030000UK07, UK06 otherwise).
     */
    record Rewritten(String xml, String nhsNumber, String authorOds, Interaction kind) {
    }

    static Rewritten rewrite(InputStream storedRecord, String extractId, String ehrRequestId, String destinationOds) {
        StringWriter out = new StringWriter();
        String nhsNumber = null;
        String authorOds = null;
        Interaction kind = null;
        try {
            XMLEventReader reader = INPUT.createXMLEventReader(storedRecord);
            XMLEventWriter writer = OUTPUT.createXMLEventWriter(out);
            Deque<String> path = new ArrayDeque<>();
            Map<String, Namespace> inScope = new LinkedHashMap<>();
            boolean inExtract = false;
            boolean linkWritten = false;
            while (reader.hasNext()) {
                XMLEvent event = reader.nextEvent();
                if (event.isStartElement()) {
                    StartElement start = event.asStartElement();
                    String name = start.getName().getLocalPart();
                    if (kind == null) {
                        kind = Interaction.EHR_EXTRACT_UK07.id().equals(name) ? Interaction.EHR_EXTRACT_UK07
                                : Interaction.EHR_EXTRACT;
                    }
                    if (!inExtract && name.equals("EhrExtract")) {
                        inExtract = true;
                        path.clear();
                        // The extract leaves the root that declared its namespaces: bring them along.
                        start.getNamespaces().forEachRemaining(ns -> inScope.put(ns.getPrefix(), (Namespace) ns));
                        start = EVENTS.createStartElement(start.getName(), start.getAttributes(),
                                inScope.values().iterator());
                        event = start;
                    }
                    if (!inExtract) {
                        start.getNamespaces().forEachRemaining(ns -> inScope.put(ns.getPrefix(), (Namespace) ns));
                        continue;
                    }
                    path.addLast(name);
                    String at = String.join("/", path);
                    if (at.equals("EhrExtract/limitation") && !linkWritten) {
                        writeRequestLink(writer, ehrRequestId, start.getName().getNamespaceURI());
                        linkWritten = true;
                    }
                    if (at.equals("EhrExtract/inFulfillmentOf")) {
                        linkWritten = true;
                    }
                    if (at.equals("EhrExtract/recordTarget/patient/id") && nhsNumber == null) {
                        nhsNumber = attribute(start, "extension");
                    } else if (at.equals("EhrExtract/author/AgentOrgSDS/agentOrganizationSDS/id") && authorOds == null) {
                        authorOds = attribute(start, "extension");
                    }
                    event = switch (at) {
                        case "EhrExtract/id", "EhrExtract/inFulfillmentOf/priorEhrRequest/id" ->
                                withAttribute(start, "root", at.endsWith("priorEhrRequest/id") ? ehrRequestId : extractId);
                        case "EhrExtract/destination/AgentOrgSDS/agentOrganizationSDS/id" ->
                                withAttribute(start, "extension", destinationOds);
                        default -> start;
                    };
                    writer.add(event);
                } else if (event.isEndElement() && inExtract) {
                    if (path.size() == 1 && !linkWritten) {
                        writeRequestLink(writer, ehrRequestId, event.asEndElement().getName().getNamespaceURI());
                        linkWritten = true;
                    }
                    writer.add(event);
                    path.removeLast();
                    if (path.isEmpty()) {
                        break;
                    }
                } else if (inExtract && (event.isCharacters() || event.getEventType() == XMLEvent.COMMENT)) {
                    writer.add(event);
                } else if (event.getEventType() == XMLEvent.DTD) {
                    throw problem("DOCTYPE is not allowed in a record");
                }
            }
            writer.flush();
            reader.close();
            if (!inExtract) {
                throw problem("The stored record holds no EhrExtract");
            }
        } catch (XMLStreamException e) {
            throw problem("The stored record is not well-formed XML");
        }
        return new Rewritten(out.toString(), nhsNumber, authorOds, kind);
    }

    private static MessageProblem problem(String detail) {
        return MessageProblem.of("record", "record", detail, "an RCMR_IN030000UK06 message or an EhrExtract",
                NackCode.EXTRACT_MALFORMED);
    }

    private static String attribute(StartElement start, String name) {
        Attribute a = start.getAttributeByName(new QName(name));
        return a == null ? null : a.getValue().strip();
    }

    private static void writeRequestLink(XMLEventWriter writer, String ehrRequestId, String namespace)
            throws XMLStreamException {
        writer.add(EVENTS.createStartElement(new QName(namespace, "inFulfillmentOf"),
                List.of(EVENTS.createAttribute("typeCode", "FLFS")).iterator(), null));
        writer.add(EVENTS.createStartElement(new QName(namespace, "priorEhrRequest"),
                List.of(EVENTS.createAttribute("classCode", "EXTRACT"), EVENTS.createAttribute("moodCode", "RQO"))
                        .iterator(), null));
        writer.add(EVENTS.createStartElement(new QName(namespace, "id"),
                List.of(EVENTS.createAttribute("root", ehrRequestId)).iterator(), null));
        writer.add(EVENTS.createEndElement(new QName(namespace, "id"), null));
        writer.add(EVENTS.createEndElement(new QName(namespace, "priorEhrRequest"), null));
        writer.add(EVENTS.createEndElement(new QName(namespace, "inFulfillmentOf"), null));
    }

    private static StartElement withAttribute(StartElement start, String attribute, String value) {
        List<Attribute> attributes = new ArrayList<>();
        boolean replaced = false;
        for (Iterator<Attribute> it = start.getAttributes(); it.hasNext(); ) {
            Attribute a = it.next();
            if (a.getName().getLocalPart().equals(attribute) && a.getName().getNamespaceURI().isEmpty()) {
                attributes.add(EVENTS.createAttribute(attribute, value));
                replaced = true;
            } else {
                attributes.add(a);
            }
        }
        if (!replaced) {
            attributes.add(EVENTS.createAttribute(attribute, value));
        }
        return EVENTS.createStartElement(start.getName(), attributes.iterator(), start.getNamespaces());
    }

    private static XMLInputFactory namespaceAwareSecureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }
}

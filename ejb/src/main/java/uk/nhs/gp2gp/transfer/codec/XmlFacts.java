package uk.nhs.gp2gp.transfer.codec;

import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the values at given paths from an XML document in one streaming pass, matching local names
 * only, so that the undeclared or unusual prefixes real senders use (soap-env:, eb: without a
 * declaration) do not matter. Safe against hostile XML: no DTD, no entities, bounded depth.
 *
 * <p>Paths are local names from the root joined by '/', ending in {@code @attribute} or
 * {@code #text}: {@code Envelope/Header/MessageHeader/ConversationId#text}. A leading {@code *}
 * matches any root element.
 */
final class XmlFacts {

    static final int MAX_DEPTH = 256;
    private static final XMLInputFactory FACTORY = secureFactory();

    private final Map<String, List<String>> values = new HashMap<>();
    private String rootName;
    private String rootNamespace;

    private XmlFacts() {
    }

    static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    }

    static XmlFacts read(String xml) {
        return read(FACTORY, new StringReader(xml), null);
    }

    static XmlFacts read(InputStream xml) {
        return read(FACTORY, null, xml);
    }

    private static XmlFacts read(XMLInputFactory factory, StringReader text, InputStream bytes) {
        XmlFacts facts = new XmlFacts();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder textOfElement = new StringBuilder();
        try {
            XMLStreamReader reader = text != null ? factory.createXMLStreamReader(text)
                    : factory.createXMLStreamReader(bytes);
            try {
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.DTD ->
                                throw new XmlProblem("DOCTYPE and entity declarations are not allowed");
                        case XMLStreamConstants.START_ELEMENT -> {
                            String name = localName(reader.getLocalName());
                            if (path.isEmpty()) {
                                facts.rootName = name;
                                facts.rootNamespace = reader.getAttributeValue(null, "xmlns");
                            }
                            path.addLast(name);
                            if (path.size() > MAX_DEPTH) {
                                throw new XmlProblem("Elements nest deeper than " + MAX_DEPTH + " levels");
                            }
                            String here = String.join("/", path);
                            for (int i = 0; i < reader.getAttributeCount(); i++) {
                                facts.add(here + "@" + localName(reader.getAttributeLocalName(i)),
                                        reader.getAttributeValue(i));
                            }
                            textOfElement.setLength(0);
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            if (textOfElement.length() < 4096) {
                                textOfElement.append(reader.getText());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            String trimmed = textOfElement.toString().strip();
                            if (!trimmed.isEmpty()) {
                                facts.add(String.join("/", path) + "#text", trimmed);
                            }
                            textOfElement.setLength(0);
                            path.removeLast();
                        }
                        default -> {
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new XmlProblem("Not well-formed XML: " + firstLine(e.getMessage()));
        }
        if (facts.rootName == null) {
            throw new XmlProblem("The document is empty");
        }
        return facts;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().reduce((a, b) -> b).orElse(message).strip();
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** "eb:MessageId" read without namespace awareness becomes "MessageId". */
    private static String localName(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    private void add(String path, String value) {
        values.computeIfAbsent(path, k -> new ArrayList<>(1)).add(value);
    }

    String rootName() {
        return rootName;
    }

    String rootNamespace() {
        return rootNamespace;
    }

    /** The first value at the path ({@code *} for the root's name), or null. */
    String first(String pathPattern) {
        List<String> all = all(pathPattern);
        return all.isEmpty() ? null : all.get(0);
    }

    List<String> all(String pathPattern) {
        String path = pathPattern.startsWith("*") ? rootName + pathPattern.substring(1) : pathPattern;
        return values.getOrDefault(path, List.of());
    }

    /** XML that cannot be read safely or at all. */
    static final class XmlProblem extends RuntimeException {
        XmlProblem(String message) {
            super(message);
        }
    }
}

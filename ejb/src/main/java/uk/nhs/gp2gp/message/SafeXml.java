package uk.nhs.gp2gp.message;

import java.io.InputStream;
import java.io.Reader;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one way this package opens XML: the JDK's StAX parser with no DTDs, no external entities
 * and no entity expansion, and not namespace-aware, so that the undeclared prefixes real senders
 * write (Vision's {@code eb:}, {@code soap-env:}) do not stop us. Names are matched by local name.
 */
public final class SafeXml {

    private SafeXml() {
    }

    /** A factory with the safe settings and the JDK's own nesting limit (JDK 25: 100 levels). */
    public static XMLInputFactory secureFactory() {
        // The JDK's own implementation, whatever else is on the class path: its limits are known.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /**
     * A safe factory whose own nesting limit lies just beyond {@code maxDepth}, so that our check,
     * which says where and why, is the one that refuses; the JDK's stays as a backstop.
     */
    static XMLInputFactory secureFactory(int maxDepth) {
        XMLInputFactory factory = secureFactory();
        try {
            factory.setProperty("jdk.xml.maxElementDepth", String.valueOf(maxDepth + 1));
        } catch (IllegalArgumentException e) {
            // Not the JDK's parser: our own depth check still applies.
        }
        return factory;
    }

    static XMLStreamReader open(XMLInputFactory factory, InputStream in, String part) {
        try {
            return factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw notWellFormed(e, part);
        }
    }

    static XMLStreamReader open(XMLInputFactory factory, Reader in, String part) {
        try {
            return factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw notWellFormed(e, part);
        }
    }

    /** "eb:MessageId" read without namespace awareness is "MessageId". */
    static String localName(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    /** The value of the attribute with this local name, whatever its prefix; null when absent. */
    static String attribute(XMLStreamReader element, String localName) {
        for (int i = 0, n = element.getAttributeCount(); i < n; i++) {
            // Without namespace awareness the parser still splits attribute prefixes (eb:id is "eb", "id").
            if (element.getAttributeLocalName(i).equals(localName) && !"xmlns".equals(element.getAttributePrefix(i))) {
                return element.getAttributeValue(i);
            }
        }
        return null;
    }

    /** The namespace the element's own declarations give its prefix (or the default namespace). */
    static String declaredNamespace(XMLStreamReader element) {
        String name = element.getLocalName();
        int colon = name.indexOf(':');
        for (int i = 0, n = element.getAttributeCount(); i < n; i++) {
            String prefix = element.getAttributePrefix(i);
            String local = element.getAttributeLocalName(i);
            boolean declares = colon < 0 ? local.equals("xmlns") && (prefix == null || prefix.isEmpty())
                    : "xmlns".equals(prefix) && name.regionMatches(0, local, 0, colon) && local.length() == colon;
            if (declares) {
                return element.getAttributeValue(i);
            }
        }
        return null;
    }

    static MessageProblem notWellFormed(XMLStreamException e, String part) {
        // Our own refusals (a size limit, say) can arrive wrapped by the parser.
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MessageProblem problem) {
                return problem;
            }
        }
        String detail = lastLine(e.getMessage());
        return MessageProblem.of(part, where(part, e.getLocation()), "not well-formed XML: " + detail,
                "well-formed XML", null);
    }

    static String where(String part, Location location) {
        if (location == null || location.getLineNumber() < 0) {
            return part;
        }
        return part + " line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static String lastLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().reduce((a, b) -> b).orElse(message).strip();
        if (line.startsWith("Message: ")) {
            line = line.substring("Message: ".length());
        }
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}

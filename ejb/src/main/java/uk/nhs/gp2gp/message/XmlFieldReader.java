package uk.nhs.gp2gp.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One streaming pass over an XML document that keeps only the values at given paths (a
 * {@link PathTrie} chosen by the root element's name) and tells a {@link Watcher} about elements
 * wherever they are. Refuses DOCTYPEs and nesting deeper than the limit; memory stays bounded
 * whatever the document's size (values are cut at the limit, repeated values capped).
 */
final class XmlFieldReader {

    /** Paths to keep and elements to watch, for documents with a given root. */
    record Plan(PathTrie paths, Watcher watcher) {
    }

    /** Sees every element. */
    interface Watcher {
        /** Depth 1 is the root. Returns true to be given the element's own text when it ends. */
        boolean start(int depth, String name, XMLStreamReader element);

        void end(int depth, String name, String text);
    }

    /** What was read: the root, its namespace, and the values by field name in document order. */
    record Fields(String root, String rootNamespace, Map<String, List<String>> values) {

        String first(String field) {
            List<String> all = values.get(field);
            return all == null || all.isEmpty() ? null : all.get(0);
        }

        List<String> all(String field) {
            return values.getOrDefault(field, List.of());
        }
    }

    static final Watcher NO_WATCHER = new Watcher() {
        @Override
        public boolean start(int depth, String name, XMLStreamReader element) {
            return false;
        }

        @Override
        public void end(int depth, String name, String text) {
        }
    };

    /** More repeats of one path than any real message has (recipients, manifest references). */
    private static final int MAX_VALUES_PER_FIELD = 10_000;

    private final MessageLimits limits;
    private final String part;

    XmlFieldReader(MessageLimits limits, String part) {
        this.limits = limits;
        this.part = part;
    }

    /**
     * Reads the document; {@code planForRoot} gives the plan for the root element's local name, or
     * throws to refuse a document it does not know.
     */
    Fields read(XMLStreamReader reader, Function<String, Plan> planForRoot) {
        int maxDepth = limits.maxDepth();
        PathTrie[] nodes = new PathTrie[maxDepth + 2];
        StringBuilder[] texts = new StringBuilder[maxDepth + 2];
        boolean[] watchedText = new boolean[maxDepth + 2];
        Map<String, List<String>> values = new HashMap<>();
        Watcher watcher = NO_WATCHER;
        String root = null;
        String rootNamespace = null;
        int depth = 0;
        try {
            try {
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            depth++;
                            if (depth > maxDepth) {
                                throw MessageProblem.of(part, SafeXml.where(part, reader.getLocation()),
                                        "elements nest deeper than " + maxDepth + " levels",
                                        "at most " + maxDepth + " levels of nesting", null);
                            }
                            String name = SafeXml.localName(reader.getLocalName());
                            PathTrie node;
                            if (depth == 1) {
                                root = name;
                                rootNamespace = SafeXml.declaredNamespace(reader);
                                Plan plan = planForRoot.apply(name);
                                watcher = plan.watcher() == null ? NO_WATCHER : plan.watcher();
                                node = plan.paths();
                            } else {
                                PathTrie parent = nodes[depth - 1];
                                node = parent == null ? null : parent.child(name);
                            }
                            nodes[depth] = node;
                            boolean keepText = watcher.start(depth, name, reader);
                            watchedText[depth] = keepText;
                            if (node != null && depth > 1) {
                                keepText |= captureAttributes(node, reader, values);
                            }
                            texts[depth] = keepText ? new StringBuilder() : null;
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            StringBuilder text = depth > 0 ? texts[depth] : null;
                            if (text != null && text.length() < limits.maxValueLength()) {
                                int room = limits.maxValueLength() - text.length();
                                int length = reader.getTextLength();
                                text.append(reader.getTextCharacters(), reader.getTextStart(), Math.min(room, length));
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            String name = SafeXml.localName(reader.getLocalName());
                            StringBuilder text = texts[depth];
                            String value = text == null ? null : text.toString().strip();
                            PathTrie node = nodes[depth];
                            if (value != null && node != null && depth > 1) {
                                for (PathTrie.Capture c : node.captures()) {
                                    if (c.attribute() == null && !value.isEmpty()) {
                                        add(values, c, value);
                                    }
                                }
                            }
                            watcher.end(depth, name, watchedText[depth] ? value : null);
                            texts[depth] = null;
                            depth--;
                        }
                        case XMLStreamConstants.DTD -> throw MessageProblem.of(part,
                                SafeXml.where(part, reader.getLocation()), "DOCTYPE and entity declarations are not allowed",
                                "no DOCTYPE", null);
                        case XMLStreamConstants.ENTITY_REFERENCE -> throw MessageProblem.of(part,
                                SafeXml.where(part, reader.getLocation()), "entity references are not allowed",
                                "no entity references", null);
                        default -> {
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw SafeXml.notWellFormed(e, part);
        }
        if (root == null) {
            throw MessageProblem.of(part, part, "the document is empty", "an XML document", null);
        }
        return new Fields(root, rootNamespace, values);
    }

    /** Keeps the node's attributes; says whether it also wants the element's text. */
    private boolean captureAttributes(PathTrie node, XMLStreamReader reader, Map<String, List<String>> values) {
        boolean wantsText = false;
        for (PathTrie.Capture c : node.captures()) {
            if (c.attribute() == null) {
                wantsText = true;
            } else {
                String value = SafeXml.attribute(reader, c.attribute());
                if (value != null) {
                    String kept = value.strip();
                    add(values, c, kept.length() > limits.maxValueLength()
                            ? kept.substring(0, limits.maxValueLength()) : kept);
                }
            }
        }
        return wantsText;
    }

    private static void add(Map<String, List<String>> values, PathTrie.Capture capture, String value) {
        List<String> list = values.computeIfAbsent(capture.field(), f -> new ArrayList<>(1));
        if (list.size() < (capture.firstOnly() ? 1 : MAX_VALUES_PER_FIELD)) {
            list.add(value);
        }
    }
}

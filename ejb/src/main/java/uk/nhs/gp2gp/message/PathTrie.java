package uk.nhs.gp2gp.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The element paths whose values a reader keeps, as a tree of local names below the root: while
 * streaming, a reader follows it one element at a time and looks at nothing off it. Paths are
 * written {@code a/b/c@attribute} or {@code a/b/c#text}.
 */
final class PathTrie {

    /**
     * What to keep at a node: an attribute's value, or the element's text when attribute is null;
     * only the first one met when {@code firstOnly}.
     */
    record Capture(String field, String attribute, boolean firstOnly) {
    }

    private final Map<String, PathTrie> children = new HashMap<>();
    private final List<Capture> captures = new ArrayList<>(1);

    PathTrie capture(String field, String path) {
        return capture(field, path, false);
    }

    /** As {@link #capture(String, String)}, keeping the first value only: the reader keeps no more than it needs. */
    PathTrie captureFirst(String field, String path) {
        return capture(field, path, true);
    }

    private PathTrie capture(String field, String path, boolean firstOnly) {
        int at = path.indexOf('@');
        int hash = path.indexOf("#text");
        String elements = at >= 0 ? path.substring(0, at) : hash >= 0 ? path.substring(0, hash) : path;
        PathTrie node = this;
        for (String name : elements.split("/")) {
            node = node.children.computeIfAbsent(name, n -> new PathTrie());
        }
        node.captures.add(new Capture(field, at >= 0 ? path.substring(at + 1) : null, firstOnly));
        return this;
    }

    PathTrie child(String localName) {
        return children.get(localName);
    }

    List<Capture> captures() {
        return captures;
    }

    boolean wantsText() {
        for (Capture c : captures) {
            if (c.attribute() == null) {
                return true;
            }
        }
        return false;
    }
}

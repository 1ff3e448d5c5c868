package uk.nhs.gp2gp.message;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;

/**
 * Collects, wherever they are in a record, the attachment references
 * ({@code referredToExternalDocument}: id, code, text/@mediaType, text/reference/@value) and
 * whether anything is marked {@code NOPAT} (protocol 3.4).
 */
final class ExtractDocumentsWatcher implements XmlFieldReader.Watcher {

    /** More documents than any real record refers to; beyond it, they are not listed. */
    private static final int MAX_DOCUMENTS = 100_000;

    private final List<DocumentReference> documents = new ArrayList<>();
    private boolean redacted;
    private int documentDepth = -1;
    private boolean inDocumentText;
    private String documentId;
    private String mediaType;
    private String reference;
    private boolean skeleton;

    @Override
    public boolean start(int depth, String name, XMLStreamReader element) {
        switch (name) {
            case "confidentialityCode" -> redacted |= "NOPAT".equalsIgnoreCase(SafeXml.attribute(element, "code"));
            case "referredToExternalDocument" -> {
                if (documentDepth < 0) {
                    documentDepth = depth;
                    documentId = null;
                    mediaType = null;
                    reference = null;
                    skeleton = false;
                }
            }
            case "id" -> {
                if (depth == documentDepth + 1 && documentId == null) {
                    documentId = SafeXml.attribute(element, "root");
                }
            }
            case "code" -> {
                if (depth == documentDepth + 1) {
                    skeleton = DocumentReference.SKELETON_CODE.equals(SafeXml.attribute(element, "code"));
                }
            }
            case "text" -> {
                if (depth == documentDepth + 1) {
                    inDocumentText = true;
                    mediaType = SafeXml.attribute(element, "mediaType");
                }
            }
            case "reference" -> {
                if (inDocumentText && depth == documentDepth + 2) {
                    reference = SafeXml.attribute(element, "value");
                }
            }
            default -> {
            }
        }
        return false;
    }

    @Override
    public void end(int depth, String name, String text) {
        if (documentDepth < 0) {
            return;
        }
        if (depth == documentDepth + 1 && name.equals("text")) {
            inDocumentText = false;
        } else if (depth == documentDepth) {
            if (documents.size() < MAX_DOCUMENTS) {
                documents.add(new DocumentReference(strip(documentId), strip(mediaType), strip(reference), skeleton));
            }
            documentDepth = -1;
        }
    }

    List<DocumentReference> documents() {
        return documents;
    }

    boolean redacted() {
        return redacted;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}

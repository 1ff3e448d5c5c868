package uk.nhs.gp2gp.message;

/**
 * A {@code referredToExternalDocument} inside the record: an attachment, named by its document id
 * (the manifest's {@code eb:id}) and its file reference ({@code file://localhost/<name>}).
 *
 * @param skeleton the reference to the original extract in a skeleton (code 24891000000101, "EDI messages")
 */
public record DocumentReference(String documentId, String mediaType, String reference, boolean skeleton) {

    public static final String SKELETON_CODE = "24891000000101";
    private static final String FILE_PREFIX = "file://localhost/";

    /** Whether a manifest's document id ({@code eb:id}, often prefixed "_") names this document. */
    public boolean isNamedBy(String manifestDocumentId) {
        return documentId != null && manifestDocumentId != null
                && withoutPrefix(documentId).equalsIgnoreCase(withoutPrefix(manifestDocumentId));
    }

    private static String withoutPrefix(String id) {
        String trimmed = id.strip();
        return trimmed.startsWith("_") ? trimmed.substring(1) : trimmed;
    }

    /** The file name the reference gives, without the {@code file://localhost/} prefix. */
    public String fileName() {
        if (reference == null) {
            return null;
        }
        return reference.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())
                ? reference.substring(FILE_PREFIX.length()) : reference;
    }
}

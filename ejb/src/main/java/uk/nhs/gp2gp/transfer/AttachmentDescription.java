package uk.nhs.gp2gp.transfer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GP2GP attachment description (protocol 3.7): free text of {@code Key=Value} pairs such as
 * {@code Filename="x.pdf" ContentType=application/pdf Compressed=No}. EMIS-style descriptions are
 * just a file name. Read the way the NHS requester adaptor reads it.
 */
public record AttachmentDescription(String filename, String contentType, boolean compressed, boolean largeAttachment,
        boolean originalBase64, long length) {

    private static final Pattern FILENAME = Pattern.compile("Filename=\"(\\S[^\"]*)\"");
    private static final Pattern CONTENT_TYPE = Pattern.compile("ContentType=([A-Za-z\\d\\-/.+]*)");
    private static final Pattern COMPRESSED = Pattern.compile("Compressed=(Yes|No)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LARGE = Pattern.compile("LargeAttachment=(Yes|No)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL_BASE64 = Pattern.compile("OriginalBase64=(Yes|No)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LENGTH = Pattern.compile("Length=(\\d*)");

    public static AttachmentDescription parse(String text) {
        String description = text == null ? "" : text.strip();
        if (!description.contains("=")) {
            return new AttachmentDescription(description, null, false, false, false, 0);
        }
        String length = find(LENGTH, description);
        return new AttachmentDescription(find(FILENAME, description), find(CONTENT_TYPE, description),
                "yes".equalsIgnoreCase(find(COMPRESSED, description)), "yes".equalsIgnoreCase(find(LARGE, description)),
                "yes".equalsIgnoreCase(find(ORIGINAL_BASE64, description)),
                length == null || length.isEmpty() || length.length() > 15 ? 0 : Long.parseLong(length));
    }

    /** The description we write for a file sent whole and uncompressed. */
    public static String of(String filename, String contentType, long length) {
        return "Filename=\"" + filename.replace("\"", "") + "\" ContentType=" + contentType
                + " Compressed=No LargeAttachment=No OriginalBase64=Yes Length=" + length;
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}

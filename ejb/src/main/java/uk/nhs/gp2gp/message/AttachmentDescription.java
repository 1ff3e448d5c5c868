package uk.nhs.gp2gp.message;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GP2GP attachment description (protocol 3.7): free text of {@code Key=Value} pairs, spread over
 * lines or not. EMIS-style descriptions are just a file name: uncompressed, not large. Read the way
 * the NHS requester adaptor reads it.
 *
 * @param length the declared length, or null when absent or not a number
 * @param skeleton {@code DomainData="X-GP2GP-Skeleton: Yes"}: the compressed original of a skeleton extract
 */
public record AttachmentDescription(String text, String filename, String contentType, boolean compressed,
        boolean largeAttachment, boolean originalBase64, Long length, boolean skeleton) {

    private static final Pattern FILENAME = Pattern.compile("Filename=\"(\\S[^\"]*)\"");
    private static final Pattern CONTENT_TYPE = Pattern.compile("ContentType=([A-Za-z\\d\\-/.+]*)");
    private static final Pattern COMPRESSED = Pattern.compile("Compressed=(Yes|No)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LARGE = Pattern.compile("LargeAttachment=(Yes|No)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL_BASE64 = Pattern.compile("OriginalBase64=(Yes|No)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LENGTH = Pattern.compile("Length=(\\d{1,15})\\b");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    public static AttachmentDescription parse(String text) {
        String description = text == null ? "" : text.strip();
        if (!description.contains("=")) {
            return new AttachmentDescription(description, description.isEmpty() ? null : description, null, false,
                    false, false, null, false);
        }
        String length = find(LENGTH, description);
        boolean skeleton = WHITESPACE.matcher(description).replaceAll("").toLowerCase()
                .contains("x-gp2gp-skeleton:yes");
        return new AttachmentDescription(description, find(FILENAME, description), find(CONTENT_TYPE, description),
                yes(COMPRESSED, description), yes(LARGE, description), yes(ORIGINAL_BASE64, description),
                length == null ? null : Long.valueOf(length), skeleton);
    }

    /** The description the NHS sender adaptor writes (one line, keys in its order). */
    public static String format(String filename, String contentType, boolean compressed, boolean largeAttachment,
            boolean originalBase64, Long length, boolean skeleton) {
        return "Filename=\"" + filename.replace("\"", "") + "\" ContentType=" + contentType
                + " Compressed=" + yesNo(compressed) + " LargeAttachment=" + yesNo(largeAttachment)
                + " OriginalBase64=" + yesNo(originalBase64) + (length == null ? "" : " Length=" + length)
                + (skeleton ? " DomainData=\"X-GP2GP-Skeleton: Yes\"" : "");
    }

    /** The description of a file kept or sent whole, uncompressed; {@code length} its size in bytes. */
    public static String of(String filename, String contentType, long length) {
        return format(filename, contentType, false, false, true, length, false);
    }

    private static boolean yes(Pattern pattern, String text) {
        return "yes".equalsIgnoreCase(find(pattern, text));
    }

    private static String yesNo(boolean flag) {
        return flag ? "Yes" : "No";
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}

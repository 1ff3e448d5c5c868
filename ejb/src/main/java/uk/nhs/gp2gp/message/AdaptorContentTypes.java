package uk.nhs.gp2gp.message;

import java.util.Locale;
import java.util.Set;

/**
 * The attachment content types the MHS adaptor's outbound API accepts (Spine EIS part 2, 2.5.4.2):
 * any other is refused with a 400 that no retry cures. A file of another type (a .docx, say) travels
 * as {@code application/octet-stream} and its real type stays in the attachment description's
 * {@code ContentType}, where receivers read it, as the NHS sender adaptor does.
 */
public final class AdaptorContentTypes {

    public static final String OCTET_STREAM = "application/octet-stream";

    public static final Set<String> ACCEPTED = Set.of("text/plain", "text/html", "application/pdf", "text/xml",
            "application/xml", "text/rtf", "audio/basic", "audio/mpeg", "image/png", "image/gif", "image/jpeg",
            "image/tiff", "video/mpeg", "application/msword", OCTET_STREAM);

    private AdaptorContentTypes() {
    }

    /** The type to put in the adaptor's {@code content_type}: the file's own when accepted, octet-stream otherwise. */
    public static String onWire(String contentType) {
        String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
        return ACCEPTED.contains(type) ? type : OCTET_STREAM;
    }
}

package uk.nhs.gp2gp.record;

import java.io.InputStream;

/**
 * A file that belongs to a stored record (a scan, a letter), as a practice uploads it: its content
 * is read once, while it is stored. A null description is made from the file's name, type and length.
 */
public record RecordAttachment(String contentId, String contentType, String description, InputStream content) {
}

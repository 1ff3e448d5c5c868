package uk.nhs.gp2gp.record;

/** A file that belongs to a stored record (a scan, a letter), as a practice uploaded it. */
public record RecordAttachment(String contentId, String contentType, String description, byte[] bytes) {
}

package uk.nhs.gp2gp.transfer;

/**
 * A part a message's manifest names as sent separately ({@code mid:}, protocol 2.2): the COPC's
 * message id and the attachment description the manifest gives it (protocol 3.7; may be empty).
 */
public record ExternalPart(String messageId, String description) {
}

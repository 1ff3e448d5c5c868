package uk.nhs.gp2gp.transport;

/**
 * A GP2GP message ready to travel: where it goes, and the message itself as the MHS adaptor's
 * inbound JSON envelope ({@code ebXML}, {@code payload}, {@code attachments},
 * {@code external_attachments}), which is also what {@code POST /mhs/inbound} takes.
 */
public record OutboundMessage(String conversationId, String messageId, String interactionId, String fromOds,
        String toOds, byte[] envelope) {
}

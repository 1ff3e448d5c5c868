package uk.nhs.gp2gp.message;

/**
 * How much a reader accepts before it refuses a message: nesting depth, sizes of each part,
 * number of attachments, length of any one value it keeps. GP2GP messages are at most 5 MB of HL7
 * per message, but skeleton originals and records of hundreds of MB exist (protocol 4.1, 9).
 *
 * @param maxDepth           deepest element nesting (real extracts: under 30)
 * @param maxEnvelopeBytes   the ebXML SOAP envelope
 * @param maxPayloadBytes    the HL7 payload
 * @param maxAttachmentBytes one attachment as transported
 * @param maxJsonBytes       a whole MHS JSON envelope (read into memory: its strings are JSON strings)
 * @param maxAttachments     parts in one message (EIS: 100 MIME parts, 98 attachments)
 * @param maxValueLength     characters kept of one text or attribute value
 */
public record MessageLimits(int maxDepth, long maxEnvelopeBytes, long maxPayloadBytes, long maxAttachmentBytes,
        long maxJsonBytes, int maxAttachments, int maxValueLength) {

    private static final long MB = 1024 * 1024;

    public MessageLimits {
        if (maxDepth < 8 || maxEnvelopeBytes < 1 || maxPayloadBytes < 1 || maxAttachmentBytes < 1 || maxJsonBytes < 1
                || maxAttachments < 0 || maxValueLength < 64) {
            throw new IllegalArgumentException("Message limits too small to read any GP2GP message");
        }
    }

    public static MessageLimits defaults() {
        return new MessageLimits(256, MB, 512 * MB, 1024 * MB, 64 * MB, 1000, 4096);
    }

    public MessageLimits withMaxPayloadBytes(long bytes) {
        return new MessageLimits(maxDepth, maxEnvelopeBytes, bytes, maxAttachmentBytes, maxJsonBytes, maxAttachments,
                maxValueLength);
    }

    public MessageLimits withMaxJsonBytes(long bytes) {
        return new MessageLimits(maxDepth, maxEnvelopeBytes, maxPayloadBytes, maxAttachmentBytes, bytes,
                maxAttachments, maxValueLength);
    }

    public MessageLimits withMaxAttachmentBytes(long bytes) {
        return new MessageLimits(maxDepth, maxEnvelopeBytes, maxPayloadBytes, bytes, maxJsonBytes, maxAttachments,
                maxValueLength);
    }
}

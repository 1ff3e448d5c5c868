package uk.nhs.gp2gp.transfer;

import java.util.List;

/**
 * What one GP2GP message may carry inline (protocol 4.1): at most 98 attachments, each at most
 * 5,000,000 characters, and the whole message, as the MHS adaptor sends it to Spine, at most
 * 4,999,600 bytes (larger, the adaptor answers 400 and nothing retries it). More goes by large
 * messaging ({@link LargeRecordSender}).
 */
final class InlineLimits {

    static final int MAX_ATTACHMENTS = 98;
    static final int MAX_ATTACHMENT_CHARS = 5_000_000;
    /** The attachments alone, as before the whole message was counted: kept as a margin. */
    static final long MAX_INLINE_CHARS = 4_500_000;
    /** Spine's limit on one message, which the adaptor checks (its SPINE_REQUEST_MAX_SIZE). */
    static final long SPINE_MAX_BYTES = 4_999_600;
    /**
     * What the adaptor and the HL7 wrapper add to the payload and attachments: the ebXML envelope
     * and the MIME boundaries (about 4 KiB), the RCMR_IN030000UK06 wrapper round a bare extract
     * (about 2 KiB), generously rounded up.
     */
    static final long ENVELOPE_BYTES = 16 * 1024;
    /** Each attachment's manifest reference and MIME part headers: its description is at most a few hundred bytes. */
    static final long PER_ATTACHMENT_BYTES = 1024;

    private InlineLimits() {
    }

    /** Whether stored files of these lengths (bytes) can travel inline, as base64, in one message. */
    static boolean fit(List<Long> fileLengths) {
        return check(fileLengths.stream().map(LargeRecordSender::base64Length).toList()) == null;
    }

    /** Whether an extract of {@code hl7Bytes} and stored files of these lengths fit one message, envelope included. */
    static boolean fit(long hl7Bytes, List<Long> fileLengths) {
        return fit(fileLengths) && messageBytes(hl7Bytes, fileLengths) <= SPINE_MAX_BYTES;
    }

    /** The size of the message the adaptor sends to Spine, estimated from above. */
    static long messageBytes(long hl7Bytes, List<Long> fileLengths) {
        long attachments = fileLengths.stream().mapToLong(LargeRecordSender::base64Length).sum();
        return ENVELOPE_BYTES + hl7Bytes + attachments + PER_ATTACHMENT_BYTES * fileLengths.size();
    }

    /** Why attachments of these transported lengths (characters) cannot travel inline, or null when they can. */
    static String check(List<Long> transportedLengths) {
        if (transportedLengths.size() > MAX_ATTACHMENTS) {
            return "The record has " + transportedLengths.size() + " attachments; one message carries at most "
                    + MAX_ATTACHMENTS + " without large messaging";
        }
        long total = 0;
        for (long length : transportedLengths) {
            if (length > MAX_ATTACHMENT_CHARS) {
                return "An attachment is larger than one message may carry without large messaging";
            }
            total += length;
        }
        if (total > MAX_INLINE_CHARS) {
            return "The attachments together are larger than one message may carry without large messaging";
        }
        return null;
    }
}

package uk.nhs.gp2gp.transfer;

import java.util.List;

/**
 * What one GP2GP message may carry inline (protocol 4.1): at most 98 attachments, each at most
 * 5,000,000 characters, and the whole message under Spine's 4,999,600 bytes. More goes by large
 * messaging ({@link LargeRecordSender}).
 */
final class InlineLimits {

    static final int MAX_ATTACHMENTS = 98;
    static final int MAX_ATTACHMENT_CHARS = 5_000_000;
    /** Leaves room for the HL7 payload and the envelope within Spine's limit. */
    static final long MAX_INLINE_CHARS = 4_500_000;

    private InlineLimits() {
    }

    /** Whether stored files of these lengths (bytes) can travel inline, as base64, in one message. */
    static boolean fit(List<Long> fileLengths) {
        return check(fileLengths.stream().map(LargeRecordSender::base64Length).toList()) == null;
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

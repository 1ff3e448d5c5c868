package uk.nhs.gp2gp.message;

import java.util.List;

/**
 * What a message is, in a few fields: what {@code POST /api/v1/tools/inspect} answers. Ids are as
 * the message gives them; {@code errors} empty means a receiver could process it.
 *
 * @param copcUse     for a COPC: CONTINUE_REQUEST, FRAGMENT_INDEX or FRAGMENT
 * @param attachments inline parts and external ({@code mid:}) references alike
 * @param fragments   for a fragment index: the fragments in the order they are joined
 */
public record Inspection(String interactionId, String messageId, String conversationId, String nhsNumber,
        String fromOds, String toOds, String fromAsid, String toAsid, String refersTo, String ackType,
        String reasonCode, String reasonText, String copcUse, List<AttachmentSummary> attachments,
        List<FragmentSummary> fragments, List<Violation> warnings, List<Violation> errors) {

    /**
     * @param contentId for an inline part; null for an external one (see {@code messageId})
     * @param length    as transported when inline; as the description declares it when external
     */
    public record AttachmentSummary(String contentId, String messageId, String documentId, String fileName,
            String contentType, boolean compressed, boolean largeAttachment, Long length, boolean external) {
    }

    /** @param position 0-based: the order in which the fragments' contents are joined */
    public record FragmentSummary(int position, String messageId, String fileName, Long length) {
    }
}

package uk.nhs.gp2gp.api.tools;

import java.util.List;
import uk.nhs.gp2gp.message.Inspection;
import uk.nhs.gp2gp.message.Violation;
import uk.nhs.gp2gp.transfer.ReasonCode;

/** The answer of {@code POST /api/v1/tools/inspect}: what the message is, in a few fields. */
public record InspectionView(String interactionId, String messageId, String conversationId, String nhsNumber,
        String fromOds, String toOds, String fromAsid, String toAsid, String refersTo, String ackType,
        String reasonCode, String reasonText, String copcUse, List<AttachmentView> attachments,
        List<FragmentView> fragments, List<FindingView> warnings) {

    /** An attachment carried inline ({@code contentId}) or sent as a message of its own ({@code external}). */
    public record AttachmentView(String contentId, String messageId, String documentId, String fileName,
            String contentType, boolean compressed, boolean largeAttachment, Long length, boolean external) {
    }

    /** A fragment of a large attachment, in the order the fragments are joined. */
    public record FragmentView(int position, String messageId, String fileName, Long length) {
    }

    /**
     * What is wrong or odd, where, what was expected, and the reason code (with its name) a negative
     * acknowledgement of the message would carry.
     */
    public record FindingView(String field, String location, String detail, String expected, String reasonCode,
            String reasonName) {

        static FindingView of(Violation v) {
            String code = v.nackCode() == null ? null : v.nackCode().code();
            return new FindingView(v.field(), v.location(), v.detail(), v.expected(), code,
                    ReasonCode.of(code).map(ReasonCode::shortName).orElse(null));
        }

        static List<FindingView> of(List<Violation> violations) {
            return violations.stream().map(FindingView::of).toList();
        }
    }

    InspectionView withoutNhsNumber() {
        return new InspectionView(interactionId, messageId, conversationId, null, fromOds, toOds, fromAsid, toAsid,
                refersTo, ackType, reasonCode, reasonText, copcUse, attachments, fragments, warnings);
    }

    static InspectionView of(Inspection i) {
        return new InspectionView(i.interactionId(), i.messageId(), i.conversationId(), i.nhsNumber(), i.fromOds(),
                i.toOds(), i.fromAsid(), i.toAsid(), i.refersTo(), i.ackType(), i.reasonCode(), i.reasonText(),
                i.copcUse(),
                i.attachments().stream().map(a -> new AttachmentView(a.contentId(), a.messageId(), a.documentId(),
                        a.fileName(), a.contentType(), a.compressed(), a.largeAttachment(), a.length(), a.external()))
                        .toList(),
                i.fragments().stream().map(f -> new FragmentView(f.position(), f.messageId(), f.fileName(),
                        f.length())).toList(),
                FindingView.of(i.warnings()));
    }
}

package uk.nhs.gp2gp.message;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Says what a GP2GP message is, or exactly what is wrong with it: reads it in whatever form it
 * comes ({@link MessageParser}), attachments streamed past and counted, never kept.
 */
public final class MessageInspector {

    private final MessageParser parser;

    public MessageInspector(MessageLimits limits) {
        this.parser = new MessageParser(limits);
    }

    /** Throws {@link MessageProblem} for input that cannot be read at all. */
    public Inspection inspect(InputStream body, String contentType) {
        return summarise(parser.parse(body, contentType, AttachmentSink.DISCARD));
    }

    private static Inspection summarise(Gp2gpMessage m) {
        Acknowledgement ack = m.payload() instanceof Acknowledgement a ? a : null;
        AckReason reason = ack == null ? null : ack.reason().orElse(null);
        List<Inspection.AttachmentSummary> attachments = new ArrayList<>();
        for (Attachment a : m.attachments()) {
            AttachmentDescription d = a.description();
            attachments.add(new Inspection.AttachmentSummary(a.contentId(), null, a.documentId(), d.filename(),
                    d.contentType() != null ? d.contentType() : a.contentType(), d.compressed(), d.largeAttachment(),
                    a.length(), false));
        }
        for (ExternalAttachment e : m.externalAttachments()) {
            AttachmentDescription d = e.description();
            attachments.add(new Inspection.AttachmentSummary(null, e.messageId(), e.documentId(), d.filename(),
                    d.contentType(), d.compressed(), d.largeAttachment(), d.length(), true));
        }
        List<Inspection.FragmentSummary> fragments = new ArrayList<>();
        m.fragmentIndex().ifPresent(index -> {
            for (int i = 0; i < index.fragments().size(); i++) {
                ExternalAttachment f = index.fragments().get(i);
                fragments.add(new Inspection.FragmentSummary(i, f.messageId(), f.description().filename(),
                        f.description().length()));
            }
        });
        return new Inspection(m.interactionId(), m.messageId(), m.conversationId(), m.nhsNumber(), m.fromOds(),
                m.toOds(), m.fromAsid(), m.toAsid(), m.refersTo(),
                ack == null || ack.type() == null ? null : ack.type().name(),
                reason == null ? null : reason.code(), reason == null ? null : reason.text(),
                m.copcUse().map(Enum::name).orElse(null), attachments, fragments, m.warnings(), m.errors());
    }
}

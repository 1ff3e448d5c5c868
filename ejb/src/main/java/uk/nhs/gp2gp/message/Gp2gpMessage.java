package uk.nhs.gp2gp.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A GP2GP message as read or built: its ebXML envelope (null when only an HL7 payload was given),
 * its HL7 payload (null when only an envelope was given), the attachments it carries, those sent
 * separately, and what reading and validating it found.
 */
public record Gp2gpMessage(EbxmlEnvelope envelope, Hl7Message payload, List<Attachment> attachments,
        List<ExternalAttachment> externalAttachments, List<Violation> findings) {

    public Gp2gpMessage {
        attachments = List.copyOf(attachments);
        externalAttachments = List.copyOf(externalAttachments);
        findings = List.copyOf(findings);
    }

    public Gp2gpMessage withFindings(List<Violation> more) {
        List<Violation> all = new ArrayList<>(findings);
        all.addAll(more);
        return new Gp2gpMessage(envelope, payload, attachments, externalAttachments, all);
    }

    public List<Violation> errors() {
        return findings.stream().filter(Violation::isError).toList();
    }

    public List<Violation> warnings() {
        return findings.stream().filter(v -> !v.isError()).toList();
    }

    /** The ebXML Action, or the payload's interaction when there is no envelope. */
    public String interactionId() {
        if (envelope != null && envelope.action() != null) {
            return envelope.action();
        }
        return payload == null ? null : payload.header().interactionId();
    }

    public Optional<Interaction> interaction() {
        return payload != null ? Optional.of(payload.interaction()) : Interaction.of(interactionId());
    }

    /** The ebXML MessageId (what acknowledgements and fragment indexes name), else the HL7 id. */
    public String messageId() {
        if (envelope != null && envelope.messageId() != null) {
            return envelope.messageId();
        }
        return payload == null ? null : payload.header().messageId();
    }

    public String conversationId() {
        return envelope == null ? null : envelope.conversationId();
    }

    public String nhsNumber() {
        return switch (payload) {
            case EhrRequest r -> r.nhsNumber();
            case EhrExtract x -> x.nhsNumber();
            case null, default -> null;
        };
    }

    /**
     * The practice the payload names as sender (a request's author, an extract's author, a fragment's From);
     * null where it names none. Never cut from the ebXML party key, which does not contain it.
     */
    public String fromOds() {
        return switch (payload) {
            case EhrRequest r -> r.requestingOds();
            case EhrExtract x -> x.sendingOds();
            case CopcMessage c -> c.fromOds();
            case null, default -> null;
        };
    }

    /** The practice the payload names as destination; null where it names none. */
    public String toOds() {
        return switch (payload) {
            case EhrRequest r -> r.sendingOds();
            case EhrExtract x -> x.requestingOds();
            case CopcMessage c -> c.toOds();
            case null, default -> null;
        };
    }

    public String fromAsid() {
        return payload == null ? null : payload.header().senderAsid();
    }

    public String toAsid() {
        return payload == null ? null : payload.header().receiverAsid();
    }

    /** The message this one answers: an acknowledgement's or continue request's, else RefToMessageId. */
    public String refersTo() {
        String fromPayload = switch (payload) {
            case Acknowledgement a -> a.refersTo();
            case CopcMessage c when c.kind() == CopcMessage.Kind.CONTINUE_REQUEST -> c.acknowledgedMessageId();
            case null, default -> null;
        };
        return fromPayload != null ? fromPayload : envelope == null ? null : envelope.refToMessageId();
    }

    /** For a COPC: continue request, fragment index (it lists fragments sent separately) or fragment. */
    public Optional<CopcUse> copcUse() {
        if (!(payload instanceof CopcMessage) && !Interaction.COPC.id().equals(interactionId())) {
            return Optional.empty();
        }
        if (payload instanceof CopcMessage copc && copc.kind() == CopcMessage.Kind.CONTINUE_REQUEST) {
            return Optional.of(CopcUse.CONTINUE_REQUEST);
        }
        if (!externalAttachments.isEmpty()) {
            return Optional.of(CopcUse.FRAGMENT_INDEX);
        }
        // An envelope alone cannot tell a fragment from a continue request.
        return payload == null ? Optional.empty() : Optional.of(CopcUse.FRAGMENT);
    }

    /** The fragments this index lists, in the order their contents are joined. */
    public Optional<FragmentIndex> fragmentIndex() {
        if (copcUse().orElse(null) != CopcUse.FRAGMENT_INDEX) {
            return Optional.empty();
        }
        String fileName = payload instanceof CopcMessage copc ? copc.fileName() : null;
        return Optional.of(new FragmentIndex(messageId(), fileName, externalAttachments));
    }
}

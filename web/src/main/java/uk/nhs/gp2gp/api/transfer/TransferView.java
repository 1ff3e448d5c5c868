package uk.nhs.gp2gp.api.transfer;

import java.time.Instant;
import java.util.List;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.report.Classification;
import uk.nhs.gp2gp.report.OutcomeClassifier;
import uk.nhs.gp2gp.report.Reason;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferDetails;
import uk.nhs.gp2gp.transfer.TransferMessage;

/** A transfer as the API shows it: where it is, how far the record has come, and why it failed. */
public record TransferView(String conversationId, String role, String status, String nhsNumber,
        String requestingOds, String sendingOds, boolean returningPatient, boolean sentToRepository, Instant requestedAt,
        Instant extractReceivedAt, Instant integrationDeadline, Boolean integratedOnTime, Instant integratedAt,
        Instant completedAt, Progress progress, Failure failure, Outcome outcome, List<AttachmentView> attachments,
        List<TimelineEntry> timeline) {

    public record Progress(int partsExpected, int partsReceived, long bytesReceived) {
    }

    /** The reason code, what it means in plain English, what happened exactly, and what to do next. */
    public record Failure(String code, String reason, String meaning, String detail, String nextStep) {
    }

    /** How the transfer went as the outcome reports count it, and why (see OutcomeClassifier). */
    public record Outcome(String outcome, String label, Reason reason) {
    }

    /** A file that arrived with the record; read it at {@code .../attachments/{contentId}}. */
    public record AttachmentView(String contentId, String contentType, String filename, long length) {
    }

    public record TimelineEntry(Instant at, String direction, String interactionId, String messageId,
            String refersTo, String ackType, String reasonCode, long bytes) {
    }

    /** The transfer with what one use-case call read of it. */
    static TransferView of(TransferDetails details, Instant now) {
        return of(details.transfer(), details.timeline(), details.attachments(), details.sentToRepository(), now);
    }

    static TransferView of(Transfer t, List<TransferMessage> messages, Instant now) {
        return of(t, messages, null, false, now);
    }

    /**
     * {@code sentToRepository}: the old practice's side of a suspension, the record went to the
     * national repository (held electronically there, nothing to print).
     */
    static TransferView of(Transfer t, List<TransferMessage> messages, List<StoredContent> files,
            boolean sentToRepository, Instant now) {
        Classification classification = OutcomeClassifier.classify(t, now);
        Failure failure = null;
        if (t.getFailureCode() != null || t.getFailureText() != null) {
            ReasonCode reason = ReasonCode.of(t.getFailureCode()).orElse(null);
            // Without a code (a timeout, say), the outcome's reason explains it.
            Reason explained = t.getFailureCode() != null ? Reason.ofFailureCode(t.getFailureCode())
                    : classification.reason();
            failure = new Failure(t.getFailureCode(), reason == null ? null : reason.shortName(),
                    explained.meaning(), t.getFailureText() != null ? t.getFailureText() : explained.meaning(),
                    explained.nextStep());
        }
        List<TimelineEntry> timeline = messages == null ? null : messages.stream()
                .map(m -> new TimelineEntry(m.getOccurredAt(), m.getDirection().name(), m.getInteractionId(),
                        m.getMessageId(), m.getRefersTo(), m.getAckType(), m.getReasonCode(), m.getSizeBytes()))
                .toList();
        Outcome outcome = new Outcome(classification.outcome().name(), classification.outcome().label(),
                classification.reason());
        return new TransferView(t.getConversationId(), t.getRole().name(), t.getStatus().name(), t.getNhsNumber(),
                t.getRequestingOds(), t.getSendingOds(), t.isReturningPatient(), sentToRepository, t.getRequestedAt(),
                t.getExtractReceivedAt(), t.integrationDeadline(), t.integratedOnTime(now), t.getIntegratedAt(),
                t.getCompletedAt(), new Progress(t.getExpectedParts(), t.getReceivedParts(), t.getBytesReceived()),
                failure, outcome, files == null ? null : files.stream().map(f -> new AttachmentView(f.getContentId(),
                        f.getMediaType(), AttachmentDescription.parse(f.getDescription()).filename(), f.getLength()))
                        .toList(), timeline);
    }
}

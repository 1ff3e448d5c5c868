package uk.nhs.gp2gp.report;

import java.time.Instant;
import uk.nhs.gp2gp.transfer.Transfer;

/**
 * One transfer behind a report's number, with its outcome and reason. No patient data: the
 * conversation id leads to the transfer's own page, where reading it is checked and audited.
 */
public record TransferSummary(String conversationId, String role, String requestingOds, String sendingOds,
        String status, Instant requestedAt, Instant extractReceivedAt, Instant integrationDeadline,
        Instant integratedAt, Instant completedAt, TransferOutcome outcome, Reason reason) {

    static TransferSummary of(Transfer t, Instant now) {
        Classification c = OutcomeClassifier.classify(t, now);
        return new TransferSummary(t.getConversationId(), t.getRole().name(), t.getRequestingOds(),
                t.getSendingOds(), t.getStatus().name(), t.getRequestedAt(), t.getExtractReceivedAt(),
                t.integrationDeadline(), t.getIntegratedAt(), t.getCompletedAt(), c.outcome(), c.reason());
    }
}

package uk.nhs.gp2gp.report;

import java.time.Instant;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferStatus;

/** The columns of a transfer that decide its outcome: the same ones the report's SQL reads. */
public record TransferFacts(TransferStatus status, String failureCode, Instant extractReceivedAt,
        Instant integratedAt, Instant completedAt) {

    public static TransferFacts of(Transfer transfer) {
        return new TransferFacts(transfer.getStatus(), transfer.getFailureCode(), transfer.getExtractReceivedAt(),
                transfer.getIntegratedAt(), transfer.getCompletedAt());
    }

    /**
     * When the requesting practice's answer came: integrated (requester side) or the final
     * acknowledgement received (sender side, where only the completion time is known).
     */
    Instant answeredAt() {
        return integratedAt != null ? integratedAt : completedAt;
    }
}

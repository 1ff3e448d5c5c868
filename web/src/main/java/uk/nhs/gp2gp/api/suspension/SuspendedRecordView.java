package uk.nhs.gp2gp.api.suspension;

import java.time.Instant;
import java.util.List;
import uk.nhs.gp2gp.suspension.Suspension;
import uk.nhs.gp2gp.suspension.SuspensionHistory;

/** A record the repository holds (or held), with its conversations and, for one record, its history. */
public record SuspendedRecordView(String nhsNumber, String status, Instant since, String sourceOds, long sizeBytes,
        Conversations conversations, Failure failure, boolean returningPatient, String releasedToOds,
        Instant heldAt, Instant releasedAt, Instant deleteAfter, List<Step> history) {

    /** The conversation that brought the record in, and the one that last sent it on. */
    public record Conversations(String inbound, String outbound) {
    }

    public record Failure(String code, String reason) {
    }

    public record Step(Instant at, String status, String detail) {
    }

    static SuspendedRecordView of(Suspension s, List<SuspensionHistory> history) {
        return new SuspendedRecordView(s.getNhsNumber(), s.getStatus().name(), s.getStartedAt(), s.getSourceOds(),
                s.getSizeBytes(), new Conversations(s.getInboundConversationId(), s.getOutboundConversationId()),
                s.getFailureReason() == null ? null : new Failure(s.getFailureCode(), s.getFailureReason()),
                s.isReturningPatient(), s.getReleasedToOds(), s.getHeldAt(), s.getReleasedAt(), s.getPurgeAfter(),
                history == null ? null : history.stream()
                        .map(h -> new Step(h.getHappenedAt(), h.getStatus().name(), h.getDetail())).toList());
    }
}

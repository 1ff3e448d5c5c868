package uk.nhs.gp2gp.report;

import java.time.Instant;

/**
 * A paper fallback task as the console, the API and the paper records service see it: whose record
 * (NHS number) goes from which practice to which, why, and who asked for it and did it.
 */
public record PaperFallbackTask(long id, String conversationId, String nhsNumber, String requestingOds,
        String sendingOds, TransferOutcome outcome, Reason reason, String status, String requestedBy,
        Instant requestedAt, String requestNote, String doneBy, Instant doneAt, String doneNote) {

    public static final String CSV_HEADER = "id,conversation_id,nhs_number,requesting_ods,sending_ods,outcome,"
            + "reason_code,reason,status,requested_by,requested_at,request_note,done_by,done_at,done_note";

    static PaperFallbackTask of(PaperFallback p) {
        return new PaperFallbackTask(p.getId(), p.getConversationId(), p.getNhsNumber(), p.getRequestingOds(),
                p.getSendingOds(), TransferOutcome.valueOf(p.getOutcome()),
                p.getReasonCode() == null ? null : Reason.ofCode(p.getReasonCode()), p.getStatus().name(),
                p.getRequestedBy(), p.getRequestedAt(), p.getRequestNote(), p.getDoneBy(), p.getDoneAt(),
                p.getDoneNote());
    }

    String csvLine() {
        return Csv.line(id, conversationId, nhsNumber, requestingOds, sendingOds, outcome,
                reason == null ? null : reason.code(), reason == null ? null : reason.name(), status, requestedBy,
                requestedAt, requestNote, doneBy, doneAt, doneNote);
    }
}

package uk.nhs.gp2gp.transport;

import java.time.Instant;

/** What the console lists of a dead-lettered inbound message: never the envelope, which may carry a record. */
public record InboundDeadLetterSummary(long id, Instant deadLetteredAt, String messageId, String correlationId,
        int attempts, String reason, int envelopeSize) {
}

package uk.nhs.gp2gp.report;

import java.time.Duration;
import java.time.Instant;
import uk.nhs.gp2gp.transfer.Transfer;

/**
 * A record that arrived 6 to 8 days ago and is still waiting to be integrated (or, on the sender's
 * side, for the final acknowledgement): its 8-day window closes within two days. No patient data.
 *
 * @param daysSinceArrival whole days since the record arrived (6 or 7; 8 at the window's very last instant)
 * @param hoursLeft whole hours until the window closes
 */
public record ApproachingDeadline(String conversationId, String role, String requestingOds, String sendingOds,
        String status, Instant extractReceivedAt, Instant deadline, long daysSinceArrival, long hoursLeft) {

    /** Listed from the start of day 6 after the record arrived (the day it arrived is day 0). */
    public static final Duration FROM_DAY = Duration.ofDays(6);

    static ApproachingDeadline of(Transfer t, Instant now) {
        Instant deadline = t.integrationDeadline();
        return new ApproachingDeadline(t.getConversationId(), t.getRole().name(), t.getRequestingOds(),
                t.getSendingOds(), t.getStatus().name(), t.getExtractReceivedAt(), deadline,
                Duration.between(t.getExtractReceivedAt(), now).toDays(), Duration.between(now, deadline).toHours());
    }
}

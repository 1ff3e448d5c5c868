package uk.nhs.gp2gp.report;

import static uk.nhs.gp2gp.transfer.TransferRole.REQUESTER;
import static uk.nhs.gp2gp.transfer.TransferRole.SENDER;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.identifier.TestNhsNumbers;
import uk.nhs.gp2gp.report.OutcomeClassifier.Rule;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;

/**
 * Transfers in every shape the outcome rules tell apart, built through the state machine with
 * chosen timestamps, each with the rule it must fall under at {@link #NOW}. Shared by the Java
 * rule tests and the test that holds the SQL to the same answers.
 */
final class TransferShapes {

    /** "Now" for every shape: a fixed instant, so that the 8-day boundaries are exact. */
    static final Instant NOW = Instant.parse("2027-01-20T12:00:00Z");
    static final Duration EIGHT_DAYS = Duration.ofDays(8);
    static final Duration ONE_SECOND = Duration.ofSeconds(1);
    static final String REQUESTING = "Q99401";
    static final String SENDING = "Q99402";

    record Shape(String name, Transfer transfer, Rule expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final List<Shape> shapes = new ArrayList<>();
    private final Instant requestedAt;

    private TransferShapes(Instant requestedAt) {
        this.requestedAt = requestedAt;
    }

    /** Every shape, requested at the start of January 2027 (before "now"). */
    static List<Shape> all() {
        return all(Instant.parse("2027-01-02T09:00:00Z"));
    }

    static List<Shape> all(Instant requestedAt) {
        TransferShapes s = new TransferShapes(requestedAt);
        Instant received = NOW.minus(Duration.ofDays(15));

        s.add("operator cancelled it", Rule.CANCELLED, s.requester().moveTo(TransferStatus.CANCELLED, received));

        s.add("integrated after 3 days", Rule.INTEGRATED_WITHIN_WINDOW,
                s.integrated(received, received.plus(Duration.ofDays(3))));
        s.add("integrated exactly 8 days after the record arrived", Rule.INTEGRATED_WITHIN_WINDOW,
                s.integrated(received, received.plus(EIGHT_DAYS)));
        s.add("sender: final ack exactly 8 days after sending", Rule.INTEGRATED_WITHIN_WINDOW,
                s.senderCompleted(received, received.plus(EIGHT_DAYS)));
        s.add("stored suppressed (15) after a day", Rule.SUPPRESSED_WITHIN_WINDOW,
                s.suppressed(received, received.plus(Duration.ofDays(1))));
        s.add("stored suppressed (15) exactly 8 days after", Rule.SUPPRESSED_WITHIN_WINDOW,
                s.suppressed(received, received.plus(EIGHT_DAYS)));

        s.add("integrated 8 days and 1 second after", Rule.INTEGRATED_AFTER_WINDOW,
                s.integrated(received, received.plus(EIGHT_DAYS).plus(ONE_SECOND)));
        s.add("sender: final ack 8 days and 1 second after", Rule.INTEGRATED_AFTER_WINDOW,
                s.senderCompleted(received, received.plus(EIGHT_DAYS).plus(ONE_SECOND)));
        s.add("stored suppressed (15) after 10 days", Rule.SUPPRESSED_AFTER_WINDOW,
                s.suppressed(received, received.plus(Duration.ofDays(10))));

        s.add("waiting to be integrated, arrived 8 days and 1 second ago", Rule.NOT_INTEGRATED_WITHIN_WINDOW,
                s.ready(NOW.minus(EIGHT_DAYS).minus(ONE_SECOND)));
        s.add("sender: extract sent 9 days ago, no final ack yet", Rule.NOT_INTEGRATED_WITHIN_WINDOW,
                s.extractSent(NOW.minus(Duration.ofDays(9))));
        s.add("sender gave up waiting for the final ack after the 8 days (99)", Rule.NOT_INTEGRATED_WITHIN_WINDOW,
                s.senderNotIntegrated(received, received.plus(EIGHT_DAYS).plus(ONE_SECOND), "99"));

        s.add("rejected: wrong patient (28)", Rule.REJECTED,
                s.rejected(received, received.plus(Duration.ofDays(2)), "28"));
        s.add("rejected: A-B-A wrong patient (17), after 10 days", Rule.REJECTED,
                s.rejected(received, received.plus(Duration.ofDays(10)), "17"));
        s.add("sender: requester failed to integrate (11)", Rule.REJECTED,
                s.senderNotIntegrated(received, received.plus(Duration.ofDays(2)), "11"));
        s.add("sender: filed as attachment (26)", Rule.REJECTED,
                s.senderNotIntegrated(received, received.plus(Duration.ofDays(2)), "26"));

        s.add("no record arrived: timed out", Rule.NO_EXTRACT,
                s.requester().fail(TransferStatus.TIMED_OUT, null, "no extract", received));

        s.add("sender refused: patient not at surgery (06)", Rule.FAILED_OR_REFUSED,
                s.failed(received, "06"));
        s.add("requester refused the extract as malformed (21)", Rule.FAILED_OR_REFUSED,
                s.failed(received, "21"));
        s.add("could not deliver the request (no code)", Rule.FAILED_OR_REFUSED,
                s.failed(received, null));
        s.add("sender: we refused, not the current practice (19)", Rule.FAILED_OR_REFUSED,
                s.sender().fail(TransferStatus.REFUSED, "19", "refused", received));
        s.add("sender: requester's NACK 21 within the window", Rule.FAILED_OR_REFUSED,
                s.senderNotIntegrated(received, received.plus(Duration.ofDays(1)), "21"));
        s.add("sender: timed out at exactly 8 days (99): still inside the window", Rule.FAILED_OR_REFUSED,
                s.senderNotIntegrated(received, received.plus(EIGHT_DAYS), "99"));
        s.add("sender: the extract could not be delivered (no code)", Rule.FAILED_OR_REFUSED,
                s.senderNotIntegrated(received, received.plus(Duration.ofHours(1)), null));

        s.add("requested, no answer yet", Rule.AWAITING_RECORD, s.requester());
        s.add("sender: waiting for the partner system's extract", Rule.AWAITING_RECORD, s.sender());
        s.add("core arrived 10 days ago, parts still missing", Rule.AWAITING_RECORD,
                s.requester().recordedAndMoved(NOW.minus(Duration.ofDays(10)), TransferStatus.WAITING_FOR_PARTS));

        s.add("waiting to be integrated, arrived exactly 8 days ago", Rule.AWAITING_INTEGRATION,
                s.ready(NOW.minus(EIGHT_DAYS)));
        s.add("waiting to be integrated, arrived 3 days ago", Rule.AWAITING_INTEGRATION,
                s.ready(NOW.minus(Duration.ofDays(3))));
        s.add("sender: extract sent 2 days ago", Rule.AWAITING_INTEGRATION,
                s.extractSent(NOW.minus(Duration.ofDays(2))));

        s.add("integrated without a record of the extract arriving", Rule.NO_RULE,
                s.requester().moveTo(TransferStatus.READY_TO_INTEGRATE, received)
                        .moveTo(TransferStatus.INTEGRATED, received));
        return s.shapes;
    }

    private void add(String name, Rule expected, Built built) {
        shapes.add(new Shape(name, built.transfer, expected));
    }

    private Built requester() {
        return new Built(transfer(REQUESTER));
    }

    private Built sender() {
        return new Built(transfer(SENDER));
    }

    private Transfer transfer(TransferRole role) {
        return new Transfer(UUID.randomUUID().toString().toUpperCase(), role, TestNhsNumbers.next(),
                OdsCode.of(REQUESTING), OdsCode.of(SENDING), requestedAt);
    }

    private Built ready(Instant received) {
        return requester().recordedAndMoved(received, TransferStatus.READY_TO_INTEGRATE);
    }

    private Built integrated(Instant received, Instant integrated) {
        return ready(received).moveTo(TransferStatus.INTEGRATED, integrated);
    }

    private Built suppressed(Instant received, Instant suppressed) {
        return ready(received).moveTo(TransferStatus.SUPPRESSED, suppressed);
    }

    private Built rejected(Instant received, Instant rejected, String code) {
        return ready(received).fail(TransferStatus.REJECTED, code, "rejected", rejected);
    }

    private Built failed(Instant at, String code) {
        return requester().fail(TransferStatus.FAILED, code, "failed", at);
    }

    private Built extractSent(Instant sent) {
        return sender().recordedAndMoved(sent, TransferStatus.EXTRACT_SENT);
    }

    private Built senderCompleted(Instant sent, Instant acknowledged) {
        return extractSent(sent).moveTo(TransferStatus.COMPLETE, acknowledged);
    }

    private Built senderNotIntegrated(Instant sent, Instant ended, String code) {
        return extractSent(sent).fail(TransferStatus.NOT_INTEGRATED, code, "not integrated", ended);
    }

    /** A transfer being moved through its states, with the time of each move. */
    private record Built(Transfer transfer) {
        Built moveTo(TransferStatus next, Instant at) {
            transfer.moveTo(next, at);
            return this;
        }

        Built fail(TransferStatus failed, String code, String text, Instant at) {
            transfer.fail(failed, code, text, at);
            return this;
        }

        Built recordedAndMoved(Instant received, TransferStatus next) {
            transfer.recordExtract("EXTRACT-" + transfer.getConversationId(), received);
            return moveTo(next, received);
        }
    }
}

package uk.nhs.gp2gp.suspension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The suspended record's state machine, checked for every pair of states, and the event clock. */
class SuspensionStatusTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    /** The allowed moves, written out once more by hand: any change to the machine must change both. */
    private static final Set<String> ALLOWED = Set.of(
            "STARTED>REQUEST_SENT", "STARTED>FAILED",
            "REQUEST_SENT>CORE_RECEIVED", "REQUEST_SENT>COMPLETE", "REQUEST_SENT>FAILED", "REQUEST_SENT>TIMED_OUT",
            "CORE_RECEIVED>CONTINUE_SENT", "CORE_RECEIVED>COMPLETE", "CORE_RECEIVED>FAILED", "CORE_RECEIVED>TIMED_OUT",
            "CONTINUE_SENT>COMPLETE", "CONTINUE_SENT>FAILED", "CONTINUE_SENT>TIMED_OUT",
            "COMPLETE>RELEASED", "RELEASED>DELETED",
            "FAILED>REQUEST_SENT", "TIMED_OUT>REQUEST_SENT");

    @Test
    void everyPairIsAllowedExactlyWhenListed() {
        for (SuspensionStatus from : SuspensionStatus.values()) {
            for (SuspensionStatus to : SuspensionStatus.values()) {
                assertEquals(ALLOWED.contains(from + ">" + to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    /** A terminal state goes nowhere, except back to asking when an operator retries the transfer. */
    @Test
    void terminalStatesGoNowhereButARetryAndEveryOtherStateCanMove() {
        for (SuspensionStatus state : SuspensionStatus.values()) {
            boolean moves = Arrays.stream(SuspensionStatus.values())
                    .filter(next -> next != SuspensionStatus.REQUEST_SENT).anyMatch(state::canMoveTo);
            assertEquals(!state.isTerminal(), moves, state.name());
        }
    }

    @Test
    void aRetryAsksAgainInTheNewConversationAndForgetsTheFailure() {
        Suspension suspension = new Suspension("9990000069", "P99002", "event-1", NOW);
        suspension.requested("CONV-1");
        suspension.moveTo(SuspensionStatus.REQUEST_SENT, NOW);
        suspension.fail(SuspensionStatus.FAILED, null, "Cancelled by admin", NOW);
        suspension.retried("CONV-2", NOW.plusSeconds(1));
        assertEquals(SuspensionStatus.REQUEST_SENT, suspension.getStatus());
        assertEquals("CONV-2", suspension.getInboundConversationId());
        assertEquals(null, suspension.getFailureReason());
    }

    @Test
    void aRecordIsHeldThenReleasedThenDeleted() {
        Suspension suspension = new Suspension("9990000069", "P99002", "event-1", NOW);
        assertTrue(suspension.moveTo(SuspensionStatus.REQUEST_SENT, NOW));
        assertFalse(suspension.moveTo(SuspensionStatus.REQUEST_SENT, NOW), "already there: no second history line");
        suspension.held(1234, NOW);
        assertThrows(IllegalStateException.class, () -> suspension.moveTo(SuspensionStatus.FAILED, NOW));
        suspension.sendingTo("P99002", "CONV-1", NOW);
        assertTrue(suspension.isReturningPatient(), "asked for by the practice the patient left");
        suspension.released("P99002", NOW, NOW.plusSeconds(60));
        suspension.purged(NOW.plusSeconds(60));
        assertEquals(SuspensionStatus.DELETED, suspension.getStatus());
        assertEquals(0, suspension.getSizeBytes());
    }

    @Test
    void anEventOlderThanTheLatestIsStaleAndTheLatestNeverGoesBack() throws Exception {
        RegistrationPatient patient = newPatient();
        assertFalse(patient.isStale(NOW), "the first event is never stale");
        patient.seen(NOW);
        assertTrue(patient.isStale(NOW.minusSeconds(1)));
        assertFalse(patient.isStale(NOW), "the same instant is not older");
        patient.seen(NOW.minusSeconds(60));
        assertEquals(NOW, patient.getLastOccurredAt());
    }

    private static RegistrationPatient newPatient() throws Exception {
        var constructor = RegistrationPatient.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }
}

package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.transfer.TransferStatus.*;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;

/** The transfer state machine, checked for every pair of states. */
class TransferStatusTest {

    /** The allowed moves, written out once more by hand: any change to the machine must change both. */
    private static final Set<String> ALLOWED = Set.of(
            "REQUESTED>WAITING_FOR_PARTS", "REQUESTED>READY_TO_INTEGRATE", "REQUESTED>FAILED",
            "REQUESTED>TIMED_OUT", "REQUESTED>CANCELLED",
            "WAITING_FOR_PARTS>READY_TO_INTEGRATE", "WAITING_FOR_PARTS>FAILED", "WAITING_FOR_PARTS>CANCELLED",
            "READY_TO_INTEGRATE>INTEGRATED", "READY_TO_INTEGRATE>SUPPRESSED", "READY_TO_INTEGRATE>REJECTED",
            "READY_TO_INTEGRATE>FAILED", "READY_TO_INTEGRATE>CANCELLED",
            "WAITING_FOR_EXTRACT>EXTRACT_SENT", "WAITING_FOR_EXTRACT>REFUSED", "WAITING_FOR_EXTRACT>CANCELLED",
            "EXTRACT_SENT>COMPLETE", "EXTRACT_SENT>NOT_INTEGRATED", "EXTRACT_SENT>CANCELLED");

    @Test
    void everyPairIsAllowedExactlyWhenListed() {
        for (TransferStatus from : values()) {
            for (TransferStatus to : values()) {
                assertEquals(ALLOWED.contains(from + ">" + to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void terminalStatesGoNowhere() {
        for (TransferStatus state : values()) {
            if (state.isTerminal()) {
                for (TransferStatus to : values()) {
                    assertFalse(state.canMoveTo(to), state + " is terminal but may move to " + to);
                }
            }
        }
    }

    @Test
    void everyNonTerminalStateCanStillEnd() {
        for (TransferStatus state : values()) {
            if (!state.isTerminal()) {
                assertTrue(EnumSet.allOf(TransferStatus.class).stream().anyMatch(state::canMoveTo), state.name());
                assertTrue(state.canMoveTo(CANCELLED), state + " cannot be cancelled");
            }
        }
    }

    @Test
    void movesStayWithinTheRole() {
        for (TransferStatus from : values()) {
            for (TransferStatus to : values()) {
                if (from.canMoveTo(to) && from.role() != null && to.role() != null) {
                    assertEquals(from.role(), to.role(), from + " -> " + to);
                }
            }
        }
        assertEquals(REQUESTED, TransferStatus.initial(TransferRole.REQUESTER));
        assertEquals(WAITING_FOR_EXTRACT, TransferStatus.initial(TransferRole.SENDER));
    }

    @Test
    void aTransferRefusesAMoveTheMachineDoesNotAllow() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        Transfer transfer = new Transfer("C1", TransferRole.REQUESTER, new NhsNumber("9690937286"),
                OdsCode.of("P99001"), OdsCode.of("P99002"), now);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> transfer.moveTo(INTEGRATED, now));
        assertEquals(REQUESTED, e.from());
        assertThrows(IllegalTransitionException.class, () -> transfer.moveTo(EXTRACT_SENT, now),
                "a sender's state is not a requester's");
        assertEquals(REQUESTED, transfer.getStatus());
    }

    @Test
    void theEightDayWindowIsMeasuredFromTheExtractAndIncludesItsLastInstant() {
        Instant received = Instant.parse("2026-01-01T10:00:00Z");
        Transfer onTime = readyTransfer(received);
        assertNull(onTime.integratedOnTime(received.plus(Duration.ofDays(8))), "still open on the last instant");
        onTime.moveTo(INTEGRATED, received.plus(Duration.ofDays(8)));
        assertTrue(onTime.integratedOnTime(received.plus(Duration.ofDays(30))));

        Transfer late = readyTransfer(received);
        assertFalse(late.integratedOnTime(received.plus(Duration.ofDays(8)).plusSeconds(1)));
        late.moveTo(INTEGRATED, received.plus(Duration.ofDays(8)).plusSeconds(1));
        assertFalse(late.integratedOnTime(received.plus(Duration.ofDays(9))));
    }

    private static Transfer readyTransfer(Instant received) {
        Transfer transfer = new Transfer("C2", TransferRole.REQUESTER, new NhsNumber("9690937286"),
                OdsCode.of("P99001"), OdsCode.of("P99002"), received.minusSeconds(60));
        transfer.recordExtract("E1", received);
        transfer.moveTo(READY_TO_INTEGRATE, received);
        return transfer;
    }
}

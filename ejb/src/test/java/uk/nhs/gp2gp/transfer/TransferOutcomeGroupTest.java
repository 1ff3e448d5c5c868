package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransferOutcomeGroupTest {

    @ParameterizedTest
    @EnumSource(TransferStatus.class)
    void everyStateIsInExactlyOneGroup(TransferStatus status) {
        long groups = Arrays.stream(TransferOutcomeGroup.values()).filter(g -> g.statuses().contains(status)).count();
        assertEquals(1, groups, status + " is in " + groups + " groups");
    }

    @ParameterizedTest
    @EnumSource(TransferStatus.class)
    void onlyFinishedStatesCountAsCompletedFailedOrCancelled(TransferStatus status) {
        assertEquals(!status.isTerminal(), TransferOutcomeGroup.of(status) == TransferOutcomeGroup.IN_PROGRESS);
    }

    @Test
    void operatorsRetryOnlyWhatEndedWithoutARecordAndCancelOnlyWhatStillWaits() {
        for (TransferStatus status : TransferStatus.values()) {
            if (TransferActions.RETRYABLE.contains(status)) {
                assertTrue(status.isTerminal() && status.belongsTo(TransferRole.REQUESTER), status.name());
            }
            if (TransferActions.CANCELLABLE.contains(status)) {
                assertTrue(status.canMoveTo(TransferStatus.CANCELLED), status + " cannot move to CANCELLED");
            }
        }
        assertFalse(TransferActions.CANCELLABLE.contains(TransferStatus.READY_TO_INTEGRATE),
                "a record that arrived is integrated or rejected, not cancelled");
    }
}

package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.message.Interaction;

/** The answer to a message whose content cannot be used, by the side of the conversation it reaches. */
class FaultsTest {

    @Test
    void theRequesterAnswersAnExtractWith21AndAPartWith30() {
        assertEquals(Optional.of(ReasonCode.R21), Faults.answer(Interaction.EHR_EXTRACT, TransferRole.REQUESTER));
        assertEquals(Optional.of(ReasonCode.R21), Faults.answer(Interaction.EHR_EXTRACT_UK07, TransferRole.REQUESTER));
        assertEquals(Optional.of(ReasonCode.R30), Faults.answer(Interaction.COPC, TransferRole.REQUESTER));
    }

    @Test
    void theSenderAnswersAContinueRequestItCannotUseWith18OnTheRequest() {
        assertEquals(Optional.of(ReasonCode.R18), Faults.answer(Interaction.COPC, TransferRole.SENDER));
    }

    @Test
    void anAcknowledgementIsNeverAcknowledgedWhicheverSideItReaches() {
        assertEquals(Optional.empty(), Faults.answer(Interaction.ACKNOWLEDGEMENT, TransferRole.REQUESTER));
        assertEquals(Optional.empty(), Faults.answer(Interaction.ACKNOWLEDGEMENT, TransferRole.SENDER));
    }

    @Test
    void eachKindGoesToTheSideThatReceivesIt() {
        assertEquals(List.of(TransferRole.REQUESTER), Faults.sidesReceiving(Interaction.EHR_EXTRACT));
        assertEquals(List.of(TransferRole.REQUESTER, TransferRole.SENDER), Faults.sidesReceiving(Interaction.COPC));
        assertEquals(List.of(TransferRole.SENDER, TransferRole.REQUESTER),
                Faults.sidesReceiving(Interaction.ACKNOWLEDGEMENT));
        assertEquals(List.of(), Faults.sidesReceiving(Interaction.EHR_REQUEST), "a request is refused at the door");
    }
}

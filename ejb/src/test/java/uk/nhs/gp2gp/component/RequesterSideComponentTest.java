package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;
import uk.nhs.gp2gp.transport.InboundOutcome;

/** The new practice's side of a transfer, on the real beans and database, without a server. */
class RequesterSideComponentTest {

    private static Gp2gpWorld world;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void theRequestGoesOutAndTheExtractMakesTheRecordReadyToIntegrate() {
        Transfer transfer = world.requestRecord();
        List<Gp2gpMessage> sent = world.sent(transfer);
        assertEquals(1, sent.size(), "only the request goes out");
        EhrRequest request = (EhrRequest) sent.get(0).payload();
        assertEquals(transfer.getNhsNumber(), request.nhsNumber());

        InboundOutcome outcome = world.receive(world.extractFor(transfer, List.of()));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        assertEquals(TransferStatus.READY_TO_INTEGRATE, status(transfer));
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void aNegativeAcknowledgementOfTheRequestFailsTheTransferWithItsCode(ReasonCode reason) {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage nack = world.partner.acknowledgement(transfer.getConversationId(), PARTNER, HOSTED,
                transfer.getRequestMessageId(), Acknowledgement.Type.AE, reason.code(), reason.meaning());

        InboundOutcome outcome = world.receive(nack);

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer failed = world.transfer(transfer.getConversationId(), TransferRole.REQUESTER);
        assertEquals(TransferStatus.FAILED, failed.getStatus());
        assertEquals(reason.code(), failed.getFailureCode());
    }

    @Test
    void theSameExtractDeliveredTwiceIsProcessedOnce() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, List.of());

        assertEquals(InboundOutcome.Kind.PROCESSED, world.receive(extract).kind());
        assertEquals(InboundOutcome.Kind.DUPLICATE, world.receive(extract).kind());

        assertEquals(TransferStatus.READY_TO_INTEGRATE, status(transfer));
        assertEquals(1, world.inTransaction(() -> world.bean(ContentStore.class)
                .ofTransfer(transfer.getId(), StoredContent.Kind.EXTRACT).size()), "the record is kept once");
        assertEquals(1, world.sent(transfer).size(), "the duplicate is not answered again");
    }

    @Test
    void anExtractForAConversationWeDoNotKnowIsRefusedAndCreatesNothing() {
        String conversation = MessageIds.newId();
        Gp2gpMessage request = world.partner.ehrRequest(conversation, Gp2gpWorld.newPatient(), HOSTED, PARTNER);
        Gp2gpMessage extract = world.partner.ehrExtract(conversation, (EhrRequest) request.payload(), PARTNER,
                HOSTED, List.of());

        InboundOutcome outcome = world.receive(extract);

        assertEquals(InboundOutcome.Kind.REFUSED, outcome.kind());
        assertTrue(world.inTransaction(() -> world.bean(TransferStore.class).ofConversation(conversation).isEmpty()));
    }

    private static TransferStatus status(Transfer transfer) {
        return world.transfer(transfer.getConversationId(), TransferRole.REQUESTER).getStatus();
    }
}

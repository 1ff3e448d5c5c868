package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.AckReason;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.transfer.IntegrationOutcome;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;
import uk.nhs.gp2gp.transfer.Transfers;
import uk.nhs.gp2gp.transport.InboundOutcome;

/** The new practice's side of a transfer, on the real beans and database, without a server. */
@Tag("database")
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

    @ParameterizedTest(name = "{0}: {2} {3}")
    @CsvSource({"INTEGRATED, INTEGRATED, AA,", "SUPPRESSED, SUPPRESSED, AE, 15", "REJECTED, REJECTED, AE, 11"})
    void theOutcomeOfIntegrationGoesOutAsTheFinalAcknowledgement(IntegrationOutcome outcome, TransferStatus status,
            Acknowledgement.Type type, String code) {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, List.of());
        world.receive(extract);

        world.inTransaction(() -> world.bean(Transfers.class).recordOutcome(transfer.getConversationId(), outcome,
                null));

        assertEquals(status, status(transfer));
        List<Gp2gpMessage> sent = world.sent(transfer);
        Acknowledgement finalAck = (Acknowledgement) sent.get(sent.size() - 1).payload();
        assertEquals(type, finalAck.type());
        assertEquals(extract.messageId(), finalAck.refersTo());
        assertEquals(code, finalAck.reason().map(AckReason::code).orElse(null));
    }

    @Test
    void noExtractWithinTheTimeoutTimesTheTransferOut() {
        Transfer transfer = world.requestRecord();

        // gp2gp.requester.extract-timeout: 4 h 10 min by default.
        world.clock.advance(Duration.ofHours(4).plusMinutes(9));
        world.runDueTasks();
        assertEquals(TransferStatus.REQUESTED, status(transfer), "not yet");
        world.clock.advance(Duration.ofMinutes(1));
        world.runDueTasks();

        assertEquals(TransferStatus.TIMED_OUT, status(transfer));
        assertEquals(1, world.sent(transfer).size(), "a timeout is not acknowledged: nothing to answer");
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

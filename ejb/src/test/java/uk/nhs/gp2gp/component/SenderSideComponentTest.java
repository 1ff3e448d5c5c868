package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.EhrExtract;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferMessage;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;
import uk.nhs.gp2gp.transfer.Transfers;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * The old practice's side, on the real beans and database, without a server: the hosted practice
 * holds the record, the partner practice asks for it.
 */
@Tag("database")
class SenderSideComponentTest {

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
    void aRegisteredPatientsStoredRecordGoesOutAndIsAcknowledgedAfterIt() {
        String patient = registeredAt(PARTNER.odsCode());
        storeRecord(patient);
        Gp2gpMessage request = requestFor(patient);

        InboundOutcome outcome = world.receive(request);

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.EXTRACT_SENT, transfer.getStatus());
        List<Gp2gpMessage> sent = world.sent(transfer);
        assertEquals(List.of(Interaction.EHR_EXTRACT, Interaction.ACKNOWLEDGEMENT),
                sent.stream().map(m -> m.interaction().orElseThrow()).toList());
        EhrExtract extract = (EhrExtract) sent.get(0).payload();
        assertEquals(patient, extract.nhsNumber());
        assertEquals(((EhrRequest) request.payload()).requestId(), extract.requestId(),
                "the extract names its request");
        Acknowledgement ack = (Acknowledgement) sent.get(1).payload();
        assertEquals(Acknowledgement.Type.AA, ack.type());
        assertEquals(request.messageId(), ack.refersTo());
    }

    @Test
    void aPatientNotRegisteredAtTheRequesterIsRefusedWith19AndNothingElseGoes() {
        String patient = registeredAt("P99109");
        storeRecord(patient);
        Gp2gpMessage request = requestFor(patient);

        world.receive(request);

        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.REFUSED, transfer.getStatus());
        assertEquals("19", transfer.getFailureCode());
        List<Gp2gpMessage> sent = world.sent(transfer);
        assertEquals(1, sent.size(), "only the refusal goes out");
        assertNegativeAcknowledgement(sent.get(0), request.messageId(), "19");
    }

    @Test
    void withoutAStoredRecordTheRequestWaitsForThePartnerSystemWhichMayRefuseIt06() {
        String patient = registeredAt(PARTNER.odsCode());
        Gp2gpMessage request = requestFor(patient);

        world.receive(request);
        assertEquals(TransferStatus.WAITING_FOR_EXTRACT,
                world.transfer(request.conversationId(), TransferRole.SENDER).getStatus());
        world.inTransaction(() -> world.bean(Transfers.class).refuseRequest(request.conversationId(), ReasonCode.R06));

        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.REFUSED, transfer.getStatus());
        assertEquals("06", transfer.getFailureCode());
        List<Gp2gpMessage> sent = world.sent(transfer);
        assertEquals(1, sent.size());
        assertNegativeAcknowledgement(sent.get(0), request.messageId(), "06");
    }

    @Test
    void aRecordNobodySuppliesWithinTheHourIsRefusedWith10() {
        Gp2gpMessage request = requestFor(registeredAt(PARTNER.odsCode()));
        world.receive(request);

        world.clock.advance(Duration.ofMinutes(59));
        world.runDueTasks();
        assertEquals(TransferStatus.WAITING_FOR_EXTRACT,
                world.transfer(request.conversationId(), TransferRole.SENDER).getStatus(), "not yet");
        world.clock.advance(Duration.ofMinutes(1));
        world.runDueTasks();

        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.REFUSED, transfer.getStatus());
        assertEquals("10", transfer.getFailureCode());
    }

    @Test
    void thePositiveFinalAcknowledgementCompletesTheTransfer() {
        String patient = registeredAt(PARTNER.odsCode());
        storeRecord(patient);
        Gp2gpMessage request = requestFor(patient);
        world.receive(request);
        Transfer sent = world.transfer(request.conversationId(), TransferRole.SENDER);

        InboundOutcome outcome = world.receive(world.partner.acknowledgement(request.conversationId(), PARTNER, HOSTED,
                sent.getExtractMessageId(), Acknowledgement.Type.AA, null, null));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer complete = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.COMPLETE, complete.getStatus());
        assertNull(complete.getFailureCode());
    }

    @Test
    void aContinueRequestNamingAnotherExtractIsRefusedEveryTimeAndLeavesNothingBehind() {
        String patient = registeredAt(PARTNER.odsCode());
        storeRecord(patient);
        Gp2gpMessage request = requestFor(patient);
        world.receive(request);
        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        int timelineBefore = timeline(transfer).size();
        byte[] wrongContinue = Gp2gpWorld.json(world.partner.continueRequest(request.conversationId(), PARTNER,
                HOSTED, MessageIds.newId())).getBytes(StandardCharsets.UTF_8);

        assertEquals(InboundOutcome.Kind.REFUSED, world.receive(wrongContinue).kind());
        assertEquals(InboundOutcome.Kind.REFUSED, world.receive(wrongContinue).kind(),
                "redelivered, it is refused again, not taken for a duplicate");
        assertEquals(timelineBefore, timeline(transfer).size(), "a refused message leaves nothing on the timeline");
    }

    private static List<TransferMessage> timeline(Transfer transfer) {
        return world.inTransaction(() -> {
            TransferStore store = world.bean(TransferStore.class);
            return store.timeline(store.find(transfer.getConversationId(), TransferRole.SENDER).orElseThrow());
        });
    }

    private static void assertNegativeAcknowledgement(Gp2gpMessage message, String refersTo, String code) {
        Acknowledgement nack = (Acknowledgement) message.payload();
        assertEquals(Acknowledgement.Type.AE, nack.type());
        assertEquals(refersTo, nack.refersTo());
        assertEquals(code, nack.reason().orElseThrow().code());
    }

    private static String registeredAt(String odsCode) {
        return world.patientRegisteredAt(odsCode);
    }

    private static void storeRecord(String patient) {
        world.storeRecord(patient);
    }

    private static Gp2gpMessage requestFor(String patient) {
        return world.partner.ehrRequest(MessageIds.newId(), patient, PARTNER, HOSTED);
    }
}

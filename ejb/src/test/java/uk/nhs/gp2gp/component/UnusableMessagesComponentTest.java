package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.ExternalAttachment;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * A message of a known conversation whose ids can be read but whose content cannot be used gets the
 * negative acknowledgement its fault deserves, not a refusal at the door that leaves its sender waiting
 * 8 days: an extract 21, a part 30 (the requester's answers), a continue request the sender side
 * receives 18 on the request (as the GP2GP adaptor fails a process); an acknowledgement, on either
 * side, is only noted (acknowledgements are never acknowledged).
 */
@Tag("database")
class UnusableMessagesComponentTest {

    /** The payload's XML declares a DOCTYPE: refused unread, whatever it says. */
    private static final String DOCTYPE = "<!DOCTYPE x [<!ENTITY e \\\"e\\\">]>";

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
    void anExtractThatCannotBeReadIsAnsweredWith21AndTheTransferFails() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, List.of());

        InboundOutcome outcome = world.receive(spoilt(extract));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer failed = world.transfer(transfer.getConversationId(), TransferRole.REQUESTER);
        assertEquals(TransferStatus.FAILED, failed.getStatus());
        assertEquals("21", failed.getFailureCode());
        assertTrue(failed.getFailureText().contains("cannot be processed"), failed.getFailureText());
        assertNegativelyAcknowledged(last(transfer), extract.messageId(), "21");
    }

    @Test
    void aPartThatCannotBeReadIsAnsweredWith30AndTheTransferFails() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, List.of(
                OutgoingFile.external("scan-1.pdf", "application/pdf", 16, true)));
        world.receive(extract);
        ExternalAttachment announced = extract.externalAttachments().get(0);
        Gp2gpMessage part = world.partner.fragment(transfer.getConversationId(), PARTNER, HOSTED,
                announced.messageId(), OutgoingFile.inline("scan-1.pdf", "application/pdf", 16));

        InboundOutcome outcome = world.receive(spoilt(part));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer failed = world.transfer(transfer.getConversationId(), TransferRole.REQUESTER);
        assertEquals(TransferStatus.FAILED, failed.getStatus());
        assertEquals("30", failed.getFailureCode());
        List<Gp2gpMessage> sent = world.sent(transfer);
        assertTrue(sent.stream().anyMatch(m -> isNegative(m, announced.messageId(), "30")), "the part is refused");
    }

    @Test
    void anAcknowledgementTheSenderCannotReadIsNotedAndTheRequestersRealFinalAcknowledgementStillCounts() {
        Gp2gpMessage request = recordSentFor(world.patientRegisteredAt(PARTNER.odsCode()));
        Transfer sent = world.transfer(request.conversationId(), TransferRole.SENDER);
        int sentBefore = world.sent(sent).size();
        Gp2gpMessage unusable = world.partner.acknowledgement(request.conversationId(), PARTNER, HOSTED,
                sent.getExtractMessageId(), Acknowledgement.Type.AA, null, null);

        InboundOutcome outcome = world.receive(Gp2gpWorld.json(unusable)
                .replace("<acknowledgement typeCode=\\\"AA\\\">", "<acknowledgement>").getBytes(StandardCharsets.UTF_8));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        assertEquals(TransferStatus.EXTRACT_SENT, world.transfer(request.conversationId(), TransferRole.SENDER)
                .getStatus(), "the final acknowledgement, or its timer, decides");
        assertEquals(sentBefore, world.sent(sent).size(), "acknowledgements are never acknowledged");

        world.receive(world.partner.acknowledgement(request.conversationId(), PARTNER, HOSTED,
                sent.getExtractMessageId(), Acknowledgement.Type.AA, null, null));
        assertEquals(TransferStatus.COMPLETE, world.transfer(request.conversationId(), TransferRole.SENDER)
                .getStatus());
    }

    @Test
    void aContinueRequestTheSenderCannotReadIsAnsweredWith18OnTheRequest() {
        Gp2gpMessage request = recordSentFor(world.patientRegisteredAt(PARTNER.odsCode()));
        Transfer sent = world.transfer(request.conversationId(), TransferRole.SENDER);
        Gp2gpMessage continueRequest = world.partner.continueRequest(request.conversationId(), PARTNER, HOSTED,
                sent.getExtractMessageId());

        InboundOutcome outcome = world.receive(spoilt(continueRequest));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer failed = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals("18", failed.getFailureCode());
        assertNegativelyAcknowledged(last(failed), request.messageId(), "18");
    }

    @Test
    void anAcknowledgementOfOurRequestThatCannotBeReadIsNotedAndNeverAcknowledged() {
        Transfer transfer = world.requestRecord();
        int sentBefore = world.sent(transfer).size();
        Gp2gpMessage ack = world.partner.acknowledgement(transfer.getConversationId(), PARTNER, HOSTED,
                transfer.getRequestMessageId(), Acknowledgement.Type.AE, "06", "Patient not at surgery");

        InboundOutcome outcome = world.receive(spoilt(ack));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        assertEquals(TransferStatus.REQUESTED, world.transfer(transfer.getConversationId(), TransferRole.REQUESTER)
                .getStatus(), "the extract, or its timeout, decides");
        assertEquals(sentBefore, world.sent(transfer).size(), "acknowledgements are never acknowledged");
    }

    @Test
    void anUnusableMessageOfAConversationNobodyKnowsIsRefusedAtTheDoor() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage elsewhere = world.partner.ehrExtract(MessageIds.newId(),
                (EhrRequest) world.sent(transfer).get(0).payload(), PARTNER, HOSTED, List.of());

        assertEquals(InboundOutcome.Kind.REFUSED, world.receive(spoilt(elsewhere)).kind());
    }

    @Test
    void anUnusableMessageFromSomeoneElseInTheConversationIsForbiddenNotAnswered() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.partner.ehrExtract(transfer.getConversationId(),
                (EhrRequest) world.sent(transfer).get(0).payload(),
                new PracticeSystem("A28009", "200000000835", "A28009-821605"), HOSTED, List.of());

        assertEquals(InboundOutcome.Kind.FORBIDDEN, world.receive(spoilt(extract)).kind());
        assertEquals(TransferStatus.REQUESTED, world.transfer(transfer.getConversationId(), TransferRole.REQUESTER)
                .getStatus());
    }

    /**
     * A request is answered to the ASID and party key it came from, which the transfer keeps: one from an
     * ASID that is not a Spine ASID, or a party key too long to keep, is malformed and refused at the door
     * (the inspector says 18), never half taken in (a failed insert would be retried and dead-lettered).
     */
    @Test
    void aRequestFromANonSpineAsidOrAnOverlongPartyKeyIsRefusedAtTheDoorAndStartsNothing() {
        for (PracticeSystem requester : List.of(new PracticeSystem("A28009", "2000000008350", "A28009-821605"),
                new PracticeSystem("A28009", "200000000835", "A28009-" + "8".repeat(40)))) {
            String patient = world.patientRegisteredAt(requester.odsCode());
            world.storeRecord(patient);
            Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, requester, HOSTED);

            InboundOutcome outcome = world.receive(request);

            assertEquals(InboundOutcome.Kind.REFUSED, outcome.kind(), outcome.detail());
            assertTrue(world.inTransaction(() -> world.bean(TransferStore.class)
                    .find(request.conversationId(), TransferRole.SENDER)).isEmpty(), "no transfer");
        }
    }

    /** The message as the MHS adaptor hands it over, its HL7 made unreadable (a DOCTYPE before its root). */
    private static byte[] spoilt(Gp2gpMessage message) {
        String json = Gp2gpWorld.json(message);
        String spoilt = json.replace("\"payload\":\"<", "\"payload\":\"" + DOCTYPE + "<");
        assertTrue(!spoilt.equals(json), "spoilt");
        return spoilt.getBytes(StandardCharsets.UTF_8);
    }

    /** The partner asks for the hosted practice's stored record, which goes out. */
    private static Gp2gpMessage recordSentFor(String patient) {
        world.storeRecord(patient);
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, PARTNER, HOSTED);
        world.receive(request);
        assertEquals(TransferStatus.EXTRACT_SENT, world.transfer(request.conversationId(), TransferRole.SENDER)
                .getStatus());
        return request;
    }

    private static Gp2gpMessage last(Transfer transfer) {
        List<Gp2gpMessage> sent = world.sent(transfer);
        return sent.get(sent.size() - 1);
    }

    private static boolean isNegative(Gp2gpMessage message, String refersTo, String code) {
        return message.payload() instanceof Acknowledgement nack && nack.type() == Acknowledgement.Type.AE
                && refersTo.equals(nack.refersTo()) && code.equals(nack.reason().orElseThrow().code());
    }

    private static void assertNegativelyAcknowledged(Gp2gpMessage message, String refersTo, String code) {
        Acknowledgement nack = (Acknowledgement) message.payload();
        assertEquals(Acknowledgement.Type.AE, nack.type());
        assertEquals(refersTo, nack.refersTo());
        assertEquals(code, nack.reason().orElseThrow().code());
    }
}

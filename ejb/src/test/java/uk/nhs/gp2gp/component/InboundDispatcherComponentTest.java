package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.EbxmlEnvelope;
import uk.nhs.gp2gp.message.EbxmlWriter;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.transfer.RequesterSide;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;
import uk.nhs.gp2gp.transport.InboundOutcome;

/** Every inbound message goes to the side of the conversation it belongs to, or is answered at the door. */
@Tag("database")
class InboundDispatcherComponentTest {

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
    void aRequestForAHostedPracticeStartsTheSenderSide() {
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), Gp2gpWorld.newPatient(), PARTNER, HOSTED);

        assertEquals(InboundOutcome.Kind.PROCESSED, world.receive(request).kind());

        List<Transfer> conversation = conversation(request.conversationId());
        assertEquals(List.of(TransferRole.SENDER), conversation.stream().map(Transfer::getRole).toList());
    }

    @Test
    void anAcknowledgementOfOurRequestGoesToTheRequesterSide() {
        Transfer transfer = world.inTransaction(() -> world.bean(RequesterSide.class).request(
                new NhsNumber(Gp2gpWorld.newPatient()), OdsCode.of(HOSTED.odsCode()), OdsCode.of(PARTNER.odsCode())));

        InboundOutcome outcome = world.receive(world.partner.acknowledgement(transfer.getConversationId(), PARTNER,
                HOSTED, transfer.getRequestMessageId(), Acknowledgement.Type.AE, "06", "Patient not at surgery"));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        assertEquals(TransferStatus.FAILED, world.transfer(transfer.getConversationId(), TransferRole.REQUESTER)
                .getStatus());
    }

    /** Messages of a conversation nobody here knows, one of each kind that continues a conversation. */
    static Stream<Arguments> messagesOfAnUnknownConversation() {
        Function<String, Gp2gpMessage> extract = conversation -> world.partner.ehrExtract(conversation,
                (EhrRequest) world.partner.ehrRequest(conversation, Gp2gpWorld.newPatient(), HOSTED, PARTNER)
                        .payload(), PARTNER, HOSTED, List.of());
        Function<String, Gp2gpMessage> acknowledgement = conversation -> world.partner.acknowledgement(conversation,
                PARTNER, HOSTED, MessageIds.newId(), Acknowledgement.Type.AA, null, null);
        Function<String, Gp2gpMessage> continueRequest = conversation -> world.partner.continueRequest(conversation,
                PARTNER, HOSTED, MessageIds.newId());
        Function<String, Gp2gpMessage> part = conversation -> world.partner.fragment(conversation, PARTNER, HOSTED,
                MessageIds.newId(), OutgoingFile.inline("scan.pdf", "application/pdf", 12));
        return Stream.of(Arguments.of("extract", extract), Arguments.of("acknowledgement", acknowledgement),
                Arguments.of("continue request", continueRequest), Arguments.of("part of a large record", part));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messagesOfAnUnknownConversation")
    void aMessageOfAConversationNobodyKnowsIsRefusedAndCreatesNothing(String kind,
            Function<String, Gp2gpMessage> message) {
        String conversation = MessageIds.newId();

        InboundOutcome outcome = world.receive(message.apply(conversation));

        assertEquals(InboundOutcome.Kind.REFUSED, outcome.kind(), kind);
        assertTrue(conversation(conversation).isEmpty(), kind);
    }

    @Test
    void anInteractionThatIsNotHandledIsRefusedAndCreatesNothing() throws IOException {
        String conversation = MessageIds.newId();
        String payload = resource("unknown-interaction.xml").replace("900000000001", PARTNER.asid())
                .replace("900000000002", HOSTED.asid());
        EbxmlEnvelope request = world.partner.ehrRequest(conversation, Gp2gpWorld.newPatient(), PARTNER, HOSTED)
                .envelope();
        EbxmlEnvelope envelope = new EbxmlEnvelope(request.fromPartyId(), request.toPartyId(), request.cpaId(),
                conversation, request.service(), "PRPA_IN000203UK03", request.messageId(), request.timestamp(), null,
                true, true, request.references());
        String json = Json.createObjectBuilder().add("ebXML", EbxmlWriter.toXml(envelope)).add("payload", payload)
                .add("attachments", Json.createArrayBuilder()).add("external_attachments", Json.createArrayBuilder())
                .build().toString();

        InboundOutcome outcome = world.receive(json.getBytes(StandardCharsets.UTF_8));

        assertEquals(InboundOutcome.Kind.REFUSED, outcome.kind(), outcome.detail());
        assertTrue(conversation(conversation).isEmpty());
    }

    @Test
    void aMessageThatIsNotAnEnvelopeIsRefused() throws IOException {
        InboundOutcome outcome = world.receive(resource("not-json.json").getBytes(StandardCharsets.UTF_8));

        assertEquals(InboundOutcome.Kind.REFUSED, outcome.kind(), outcome.detail());
    }

    @Test
    void aMessageFromOutsideInTheNameOfAHostedPracticeIsForbidden() {
        // Everything about it is the hosted practice's own, as an impostor who knows the directory would write it.
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), Gp2gpWorld.newPatient(), HOSTED, PARTNER);

        assertEquals(InboundOutcome.Kind.FORBIDDEN, world.receive(request).kind());
        assertTrue(conversation(request.conversationId()).isEmpty());
    }

    @Test
    void aMessageFromAnotherSystemThanThePracticesIsForbidden() {
        PracticeSystem otherSystem = new PracticeSystem(PARTNER.odsCode(), "900000009199", PARTNER.partyKey());
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), Gp2gpWorld.newPatient(), otherSystem,
                HOSTED);

        assertEquals(InboundOutcome.Kind.FORBIDDEN, world.receive(request).kind());
        assertTrue(conversation(request.conversationId()).isEmpty());
    }

    private static List<Transfer> conversation(String conversationId) {
        return world.inTransaction(() -> world.bean(TransferStore.class).ofConversation(conversationId));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = InboundDispatcherComponentTest.class.getResourceAsStream("/messages/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

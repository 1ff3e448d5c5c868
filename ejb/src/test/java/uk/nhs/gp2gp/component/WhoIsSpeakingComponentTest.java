package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.EhrExtract;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.practice.PracticeDetails;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;
import uk.nhs.gp2gp.transport.OutboxRelay;

/**
 * Practices are known as Spine names them (whole party key, ASID, the HL7's ODS code), and a requester
 * the directory does not list is answered where its request came from, through the MHS adaptor. The
 * party keys are real ones (shared fixtures, SOURCES.md): their prefix is not the practice's ODS code.
 */
@Tag("database")
class WhoIsSpeakingComponentTest {

    /** Not in the directory: M85019's real party key starts with another code. */
    static final PracticeSystem UNLISTED = new PracticeSystem("M85019", "928942012545", "YGM24-820388");
    /** In the directory, reached through the MHS adaptor; party key 5EP-807264. */
    private static final PracticeSystem LISTED = new PracticeSystem("C88653", "031759679512", "5EP-807264");
    /** In the directory, spoken for by the peer instance "north". */
    private static final PracticeSystem NORTHERN = new PracticeSystem("P99131", "900000009131", "NRTH1-9131");

    private static final List<Map<String, List<String>>> MHS_CALLS = new CopyOnWriteArrayList<>();
    private static HttpServer mhs;
    private static Gp2gpWorld world;

    @BeforeAll
    static void start() throws IOException {
        mhs = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mhs.createContext("/", exchange -> {
            MHS_CALLS.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        mhs.start();
        world = new Gp2gpWorld(Map.of("gp2gp.transport", "mhs", "gp2gp.mhs.outbound-url",
                "http://127.0.0.1:" + mhs.getAddress().getPort() + "/"));
        world.inTransaction(() -> {
            Practices practices = world.bean(Practices.class);
            practices.put(OdsCode.of(LISTED.odsCode()), new PracticeDetails("Synthetic Listed Surgery",
                    LISTED.asid(), LISTED.partyKey(), false, null, null));
            practices.put(OdsCode.of(NORTHERN.odsCode()), new PracticeDetails("Synthetic Northern Surgery",
                    NORTHERN.asid(), NORTHERN.partyKey(), false, null, null, false, "north"));
        });
    }

    @AfterAll
    static void stop() {
        world.close();
        mhs.stop(0);
    }

    @Test
    void anUnlistedRequesterWhosePatientIsRegisteredThereGetsTheRecordWhereItsRequestCameFrom() {
        String patient = world.patientRegisteredAt(UNLISTED.odsCode());
        world.storeRecord(patient);
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, UNLISTED, HOSTED);

        InboundOutcome outcome = world.receive(request);

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.EXTRACT_SENT, transfer.getStatus());
        assertEquals(UNLISTED.odsCode(), transfer.getRequestingOds(), "the request's author, not the key's prefix");
        List<Gp2gpMessage> sent = world.sent(transfer);
        assertEquals(List.of(Interaction.EHR_EXTRACT, Interaction.ACKNOWLEDGEMENT),
                sent.stream().map(m -> m.interaction().orElseThrow()).toList());
        for (Gp2gpMessage answer : sent) {
            assertEquals(UNLISTED.asid(), answer.toAsid(), "to the ASID the request came from");
            assertEquals(UNLISTED.partyKey(), answer.envelope().toPartyId(), "to the party key it came from");
        }
        assertEquals(UNLISTED.odsCode(), ((EhrExtract) sent.get(0).payload()).requestingOds());

        world.inTransaction(() -> world.bean(OutboxRelay.class).drain());
        assertEquals(List.of(UNLISTED.odsCode(), UNLISTED.odsCode()), MHS_CALLS.stream()
                .filter(h -> request.conversationId().equals(h.get("Correlation-id").get(0)))
                .map(h -> h.get("Ods-code").get(0)).toList(), "both go out; the MHS adaptor routes by the ODS code");
    }

    @Test
    void anUnlistedRequesterWhosePatientIsNotRegisteredThereIsRefusedWith19() {
        String patient = world.patientRegisteredAt(LISTED.odsCode());
        world.storeRecord(patient);
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, UNLISTED, HOSTED);

        world.receive(request);

        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.REFUSED, transfer.getStatus());
        assertEquals("19", transfer.getFailureCode());
        List<Gp2gpMessage> sent = world.sent(transfer);
        assertEquals(1, sent.size(), "only the refusal goes, and no record");
        Acknowledgement nack = (Acknowledgement) sent.get(0).payload();
        assertEquals(Acknowledgement.Type.AE, nack.type());
        assertEquals("19", nack.reason().orElseThrow().code());
        assertEquals(UNLISTED.asid(), sent.get(0).toAsid());
    }

    @Test
    void theUnlistedRequesterSpeaksInItsConversationAndNobodyElseDoes() {
        String patient = world.patientRegisteredAt(UNLISTED.odsCode());
        world.storeRecord(patient);
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, UNLISTED, HOSTED);
        world.receive(request);
        String extractId = world.transfer(request.conversationId(), TransferRole.SENDER).getExtractMessageId();
        PracticeSystem stranger = new PracticeSystem("A28009", "200000000835", "A28009-821605");

        InboundOutcome strangers = world.receive(world.partner.acknowledgement(request.conversationId(), stranger,
                HOSTED, extractId, Acknowledgement.Type.AA, null, null));
        InboundOutcome requesters = world.receive(world.partner.acknowledgement(request.conversationId(), UNLISTED,
                HOSTED, extractId, Acknowledgement.Type.AA, null, null));

        assertEquals(InboundOutcome.Kind.FORBIDDEN, strangers.kind(), strangers.detail());
        assertEquals(InboundOutcome.Kind.PROCESSED, requesters.kind(), requesters.detail());
        assertEquals(TransferStatus.COMPLETE, world.transfer(request.conversationId(), TransferRole.SENDER)
                .getStatus());
    }

    @Test
    void aListedPracticeIsKnownByItsWholePartyKeyAndItsSystem() {
        String patient = world.patientRegisteredAt(LISTED.odsCode());
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, LISTED, HOSTED);
        PracticeSystem otherSystem = new PracticeSystem(LISTED.odsCode(), "900000009199", LISTED.partyKey());
        Gp2gpMessage impostor = world.partner.ehrRequest(MessageIds.newId(), patient, otherSystem, HOSTED);

        assertEquals(InboundOutcome.Kind.PROCESSED, world.receive(request).kind());
        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(LISTED.odsCode(), transfer.getRequestingOds());
        assertEquals(InboundOutcome.Kind.FORBIDDEN, world.receive(impostor).kind(),
                "the party key is C88653's, the ASID is not");
    }

    @Test
    void aPracticeWhosePartyKeyIsAHostedPracticesIsForbiddenWhateverItsOdsCode() {
        PracticeSystem borrowedKey = new PracticeSystem(UNLISTED.odsCode(), UNLISTED.asid(), HOSTED.partyKey());
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), world.patientRegisteredAt(UNLISTED.odsCode()),
                borrowedKey, HOSTED);

        assertEquals(InboundOutcome.Kind.FORBIDDEN, world.receive(request).kind());
    }

    @Test
    void aPeerSpeaksOnlyForItsOwnPracticesAndNeverForAnUnlistedOne() {
        Gp2gpMessage northern = world.partner.ehrRequest(MessageIds.newId(), world.patientRegisteredAt(NORTHERN.odsCode()),
                NORTHERN, HOSTED);
        Gp2gpMessage unlisted = world.partner.ehrRequest(MessageIds.newId(), world.patientRegisteredAt(UNLISTED.odsCode()),
                UNLISTED, HOSTED);
        Gp2gpMessage listed = world.partner.ehrRequest(MessageIds.newId(), world.patientRegisteredAt(LISTED.odsCode()),
                LISTED, HOSTED);

        assertEquals(InboundOutcome.Kind.PROCESSED, receiveFromPeer(northern, "north").kind());
        assertEquals(InboundOutcome.Kind.FORBIDDEN, receiveFromPeer(unlisted, "north").kind());
        assertEquals(InboundOutcome.Kind.FORBIDDEN, receiveFromPeer(listed, "north").kind(), "the MHS adaptor's");
        assertEquals(InboundOutcome.Kind.FORBIDDEN, world.receive(world.partner.ehrRequest(MessageIds.newId(),
                world.patientRegisteredAt(NORTHERN.odsCode()), NORTHERN, HOSTED)).kind(), "north's, not the MHS adaptor's");
    }

    private static InboundOutcome receiveFromPeer(Gp2gpMessage message, String peer) {
        byte[] json = Gp2gpWorld.json(message).getBytes(StandardCharsets.UTF_8);
        return world.inTransaction(() -> world.bean(InboundReceiver.class).receive(json, InboundSource.peer(peer)));
    }
}

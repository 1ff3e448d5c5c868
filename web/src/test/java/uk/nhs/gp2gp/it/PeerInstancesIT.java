package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.transfer.AckType;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * Two instances, each hosting one practice, talk GP2GP to each other through {@code /mhs/inbound}
 * (the loopback transport posts to a remote practice's endpoint), each proving the secret the pair
 * shares. The second instance also takes messages from an MHS adaptor (the shared secret), and its
 * door refuses anyone who speaks for a practice the directory does not give them.
 */
@ExtendWith(ArquillianExtension.class)
class PeerInstancesIT {

    private static final String AT_B = "Q99401";
    private static final String AT_C = "Q99402";
    /** Reached by instance C through the MHS adaptor. */
    private static final String VIA_MHS = "Q99403";
    private static final String PAIR_SECRET = "b-and-c-share-this-" + UUID.randomUUID();
    private static final String MHS_SECRET = "mhs-adaptor-secret-" + UUID.randomUUID();
    private static final ConversationCodec CODEC = new ConversationCodec(Clock.systemUTC());

    private static PeerInstance b;
    private static PeerInstance c;

    /** Only for Arquillian's lifecycle: this test talks to its own two instances. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive();
    }

    @BeforeAll
    static void startPeers() throws Exception {
        // Development mode (gp2gp.inbound.open) only so that the two may talk plain http:// on this machine;
        // their secrets are still required (theDoorWantsAKnownSecret). InboundDoorIT covers the https-only rule.
        CompletableFuture<PeerInstance> startB = CompletableFuture.supplyAsync(() -> PeerInstance.startInMemory(
                "peer-b", Map.of("GP2GP_INBOUND_PEERS", "hub-c=" + PAIR_SECRET, "GP2GP_INBOUND_OPEN", "true")));
        CompletableFuture<PeerInstance> startC = CompletableFuture.supplyAsync(() -> PeerInstance.startInMemory(
                "peer-c", Map.of("GP2GP_INBOUND_PEERS", "hub-b=" + PAIR_SECRET, "GP2GP_INBOUND_SHARED_SECRET",
                        MHS_SECRET, "GP2GP_INBOUND_OPEN", "true")));
        b = startB.join();
        c = startC.join();
        practice(b.asAdmin(), AT_B, true, null, null);
        practice(b.asAdmin(), AT_C, false, c.url(), "hub-c");
        practice(c.asAdmin(), AT_C, true, null, null);
        practice(c.asAdmin(), AT_B, false, b.url(), "hub-b");
        practice(c.asAdmin(), VIA_MHS, false, "http://127.0.0.1:9", null);
    }

    @AfterAll
    static void stopPeers() {
        for (PeerInstance peer : new PeerInstance[] {b, c}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @Test
    void aRecordTravelsBetweenTwoInstancesThatProveTheirSecret() {
        String nhsNumber = "9990000123";
        c.asAdmin().contentType("application/xml").body(TransferIT.bareExtract(nhsNumber))
                .put("/api/v1/practices/" + AT_C + "/records/" + nhsNumber).then().statusCode(201);
        DeployedWar.registeredAt(c.asAdmin(), nhsNumber, AT_B, AT_C);

        String location = b.asAdmin().contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + AT_B + "\", \"sendingOds\": \""
                        + AT_C + "\"}")
                .post("/api/v1/transfers").then().statusCode(202).extract().header("Location");
        String conversation = location.substring(location.lastIndexOf('/') + 1);

        await(() -> status(b.asAdmin(), "/api/v1/transfers/" + conversation), "READY_TO_INTEGRATE");
        b.asAdmin().contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("/api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
        await(() -> status(c.asAdmin(), "/api/v1/transfers/" + conversation), "COMPLETE");
        c.asAdmin().get("/api/v1/transfers/" + conversation).then().body("role", equalTo("SENDER"));
    }

    @Test
    void theDoorWantsAKnownSecret() {
        OutboundMessage request = request(party(AT_B), "9990070008");
        post(null, request).then().statusCode(401).contentType("application/problem+json");
        post("not-" + PAIR_SECRET, request).then().statusCode(401);
        // Nothing of a refused message is kept.
        c.asAdmin().get("/api/v1/transfers/" + request.conversationId()).then().statusCode(404);
    }

    @Test
    void aPeerSpeaksOnlyForItsOwnPracticesWithTheirAsid() {
        // Instance B's secret, as a practice the MHS reaches, as C's own practice, as nobody known.
        forbidden(PAIR_SECRET, request(party(VIA_MHS), "9990070016"), "not reached through peer hub-b");
        forbidden(PAIR_SECRET, request(party(AT_C), "9990070024"), "not reached through peer hub-b");
        forbidden(PAIR_SECRET, request(new Party("Q99499", "900000099499", "Q99499-1"), "9990070032"),
                "not in the practice directory");
        // The right practice with another system's ASID.
        forbidden(PAIR_SECRET, request(new Party(AT_B, "900000012345", AT_B + "-1"), "9990070040"),
                "ASID 900000012345");
        // B's practice asking in the name of a practice the MHS reaches (the HL7 author changed).
        OutboundMessage asAnother = request(party(AT_B), "9990070083");
        String envelope = new String(asAnother.envelope(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("extension=\\\"" + AT_B + "\\\"", "extension=\\\"" + VIA_MHS + "\\\"");
        post(PAIR_SECRET, envelope.getBytes(java.nio.charset.StandardCharsets.UTF_8)).then().statusCode(403)
                .body("detail", containsString("in the name of another practice (" + VIA_MHS + ")"));
        // The MHS adaptor's secret does not make anyone a practice that has its own peer.
        forbidden(MHS_SECRET, request(party(AT_B), "9990070059"), "not reached through the MHS adaptor");
        // Nor does any secret make anyone a practice hosted here: only instance C speaks for its practices.
        forbidden(MHS_SECRET, request(party(AT_C), "9990071047"), "Practice " + AT_C + " is hosted here");
    }

    @Test
    void eachCallerIsTakenForWhatItMaySpeakFor() {
        OutboundMessage fromB = request(party(AT_B), "9990070067");
        post(PAIR_SECRET, fromB).then().statusCode(202).body("outcome", equalTo("PROCESSED"));
        OutboundMessage fromMhs = request(party(VIA_MHS), "9990070075");
        post(MHS_SECRET, fromMhs).then().statusCode(202).body("outcome", equalTo("PROCESSED"));
        c.asAdmin().get("/api/v1/transfers/" + fromMhs.conversationId()).then().statusCode(200)
                .body("requestingOds", equalTo(VIA_MHS));

        // B's practice may not meddle in the conversation between C's practice and the MHS's.
        OutboundMessage meddling = CODEC.acknowledgement(fromMhs.conversationId(), party(AT_B), party(AT_C),
                fromMhs.messageId(), AckType.AA, null);
        forbidden(PAIR_SECRET, meddling, "takes no part in conversation");
    }

    private static void forbidden(String secret, OutboundMessage message, String why) {
        post(secret, message).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(why));
        if (message.interactionId().equals("RCMR_IN010000UK05")) {
            c.asAdmin().get("/api/v1/transfers/" + message.conversationId()).then().statusCode(404);
        }
    }

    private static io.restassured.response.Response post(String secret, OutboundMessage message) {
        return post(secret, message.envelope());
    }

    private static io.restassured.response.Response post(String secret, byte[] envelope) {
        RequestSpecification call = RestAssured.given().baseUri(c.url()).contentType("application/json")
                .body(envelope);
        if (secret != null) {
            call.header("X-GP2GP-Peer-Secret", secret);
        }
        return call.post("/mhs/inbound");
    }

    /** A request from {@code requester} for a record at instance C's practice. */
    private static OutboundMessage request(Party requester, String nhsNumber) {
        String conversation = UUID.randomUUID().toString().toUpperCase();
        return CODEC.ehrRequest(conversation, "REQ-" + conversation, nhsNumber, requester, party(AT_C));
    }

    /** A practice as the directories below have it. */
    private static Party party(String ods) {
        return new Party(ods, asid(ods), ods + "-1");
    }

    private static String asid(String ods) {
        return "9000000" + ods.substring(1);
    }

    private static void practice(RequestSpecification api, String ods, boolean hosted, String endpoint, String peer) {
        api.contentType("application/json")
                .body("{\"name\": \"Peer test " + ods + "\", \"asid\": \"" + asid(ods) + "\", \"partyKey\": \""
                        + ods + "-1\", \"hosted\": " + hosted
                        + (endpoint == null ? "" : ", \"endpointUrl\": \"" + endpoint + "\"")
                        + (peer == null ? "" : ", \"peer\": \"" + peer + "\"") + "}")
                .put("/api/v1/practices/" + ods)
                .then().statusCode(oneOf(200, 201));
    }

    /** The transfer's status, or the HTTP status and problem when the instance answers otherwise. */
    private static String status(RequestSpecification api, String path) {
        io.restassured.response.Response response = api.get(path);
        return response.statusCode() == 200 ? response.path("status")
                : "HTTP " + response.statusCode() + " " + response.asString();
    }

    private static void await(Supplier<String> status, String expected) {
        Eventually.until(expected, Duration.ofSeconds(45), status::get, expected::equals);
    }
}

package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * /mhs/inbound is safe by default, on servers of its own: with no secret it answers 401; only
 * gp2gp.inbound.open=true (development) opens it; a secret or peer entry that cannot be used stops
 * the start; peer endpoints are https:// and a remote practice without a peer of its own is never
 * sent to (the MHS adaptor's secret is not for peers); nobody outside speaks for a hosted practice.
 */
@OwnServers
class InboundDoorIT {

    private static final String HOSTED = "Q99501";
    private static final String REMOTE = "Q99502";
    private static final String SHORT_PEER_SECRET = "hub-b-too-short";
    private static final String SHORT_SHARED_SECRET = "mhs-too-short-1";
    private static final ConversationCodec CODEC = new ConversationCodec(Clock.systemUTC());

    private static PeerInstance closed;
    private static PeerInstance open;
    private static PeerInstance badPeers;
    private static PeerInstance shortSecret;

    @BeforeAll
    static void startServers() throws Exception {
        CompletableFuture<PeerInstance> startClosed = CompletableFuture.supplyAsync(
                () -> PeerInstance.startInMemory("door-closed", Map.of()));
        CompletableFuture<PeerInstance> startOpen = CompletableFuture.supplyAsync(
                () -> PeerInstance.startInMemory("door-open", Map.of("GP2GP_INBOUND_OPEN", "true")));
        closed = startClosed.join();
        open = startOpen.join();
        for (PeerInstance server : new PeerInstance[] {closed, open}) {
            practice(server.asAdmin(), HOSTED, true, null).then().statusCode(oneOf(200, 201));
            practice(server.asAdmin(), REMOTE, false, null).then().statusCode(oneOf(200, 201));
        }
        // Two at a time on a small machine: these two start while the tests above run.
        badPeers = PeerInstance.launch("door-bad-peers",
                Map.of("GP2GP_INBOUND_PEERS", "hub-c=a-long-enough-secret-0123,hub-b=" + SHORT_PEER_SECRET));
        shortSecret = PeerInstance.launch("door-short-secret", Map.of("GP2GP_INBOUND_SHARED_SECRET", SHORT_SHARED_SECRET));
    }

    @AfterAll
    static void stopServers() {
        for (PeerInstance server : new PeerInstance[] {closed, open, badPeers, shortSecret}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void withNoSecretTheDoorAnswers401ToEveryone() {
        OutboundMessage request = request(REMOTE, "9990071004");
        post(closed, null, request.envelope()).then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("no gp2gp.inbound.shared-secret or gp2gp.inbound.peers is set"));
        post(closed, "any-secret-at-all-0123456789", request.envelope()).then().statusCode(401)
                .contentType("application/problem+json");
        closed.asAdmin().get("/api/v1/transfers/" + request.conversationId()).then().statusCode(404);
    }

    @Test
    void openForDevelopmentItTakesAMessageButNotForAHostedPractice() throws IOException {
        OutboundMessage request = request(REMOTE, "9990071012");
        post(open, null, request.envelope()).then().statusCode(202).body("outcome", equalTo("PROCESSED"));
        open.asAdmin().get("/api/v1/transfers/" + request.conversationId()).then().statusCode(200)
                .body("requestingOds", equalTo(REMOTE));

        // Even an open door does not let anyone speak for a practice hosted here: 403, nothing kept.
        OutboundMessage asHosted = request(HOSTED, "9990071020");
        post(open, null, asHosted.envelope()).then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("Practice " + HOSTED + " is hosted here"));
        open.asAdmin().get("/api/v1/transfers/" + asHosted.conversationId()).then().statusCode(404);
        assertTrue(open.log().contains("/mhs/inbound is OPEN"), "the open door is announced loudly");
    }

    @Test
    void peerEndpointsMustBeHttpsUnlessOpen() {
        practice(closed.asAdmin(), "Q99503", false, "http://127.0.0.1:8081").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("endpointUrl"))
                .body("errors.message", hasItem(containsString("https://")));
        closed.asAdmin().get("/api/v1/practices/Q99503").then().statusCode(404);
        practice(closed.asAdmin(), "Q99503", false, "https://hub-b.example.nhs.uk").then().statusCode(oneOf(200, 201));
        practice(open.asAdmin(), "Q99503", false, "http://127.0.0.1:8081").then().statusCode(oneOf(200, 201));
    }

    /** Without a peer of its own, a remote practice would get the MHS adaptor's secret or none: it is not sent to. */
    @Test
    void aRemotePracticeWithoutItsOwnPeerIsNotSentToAndTheTransferSaysWhy() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket standIn = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                while (!standIn.isClosed()) {
                    try (Socket ignored = standIn.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closing) {
                        return;
                    }
                }
            });
            practice(closed.asAdmin(), "Q99504", false, "https://127.0.0.1:" + standIn.getLocalPort())
                    .then().statusCode(oneOf(200, 201));
            String location = closed.asAdmin().contentType("application/json")
                    .body("{\"nhsNumber\": \"9990071039\", \"requestingOds\": \"" + HOSTED
                            + "\", \"sendingOds\": \"Q99504\"}")
                    .post("/api/v1/transfers").then().statusCode(202).extract().header("Location");
            String conversation = location.substring(location.lastIndexOf('/') + 1);
            JsonPath failed = await(conversation, "FAILED");
            assertTrue(failed.getString("failure.detail").contains("name its peer in the practice directory"),
                    failed.prettify());
            assertTrue(connections.get() == 0, "nothing was sent to the practice's endpoint");
        }
    }

    @Test
    void aPeersEntryThatCannotBeUsedStopsTheStart() throws Exception {
        String log = awaitStartFailed(badPeers);
        assertTrue(log.contains("gp2gp.inbound.peers: the secret of peer 'hub-b' is shorter than 16 characters"),
                "the log names the setting and the entry");
        assertFalse(log.contains(SHORT_PEER_SECRET), "the secret is not printed");
        assertFalse(log.contains("a-long-enough-secret-0123"), "no secret is printed");
    }

    @Test
    void aShortSharedSecretStopsTheStart() throws Exception {
        String log = awaitStartFailed(shortSecret);
        assertTrue(log.contains("gp2gp.inbound.shared-secret is shorter than 16 characters"), "the log names the setting");
        assertFalse(log.contains(SHORT_SHARED_SECRET), "the secret is not printed");
    }

    /** Waits for the server to give up deploying (or stop): then it must not be ready. Returns its log. */
    private static String awaitStartFailed(PeerInstance server) throws Exception {
        try {
            Awaitility.await("the start to end").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !server.alive() || server.log().contains(" ready in "));
        } catch (ConditionTimeoutException stillStarting) {
            // still deploying after 3 minutes: it must not be ready either (below)
        }
        assertFalse(server.ready(), "the application must not be ready");
        if (server.alive()) {
            server.asAdmin().get("/api/v1/practices").then().statusCode(oneOf(404, 503));
        }
        return server.log();
    }

    private static JsonPath await(String conversation, String status) {
        return Eventually.until("transfer " + conversation + " " + status, Duration.ofSeconds(60),
                () -> closed.asAdmin().get("/api/v1/transfers/" + conversation + "?role=REQUESTER").jsonPath(),
                transfer -> status.equals(transfer.getString("status")));
    }

    private static io.restassured.response.Response post(PeerInstance server, String secret, byte[] envelope) {
        RequestSpecification call = RestAssured.given().baseUri(server.url()).contentType("application/json")
                .body(envelope);
        if (secret != null) {
            call.header("X-GP2GP-Peer-Secret", secret);
        }
        return call.post("/mhs/inbound");
    }

    /** A request from {@code requester} for a record at the hosted practice. */
    private static OutboundMessage request(String requester, String nhsNumber) {
        String conversation = UUID.randomUUID().toString().toUpperCase();
        return CODEC.ehrRequest(conversation, "REQ-" + conversation, nhsNumber, party(requester), party(HOSTED));
    }

    private static Party party(String ods) {
        return new Party(ods, "9000000" + ods.substring(1), ods + "-1");
    }

    private static io.restassured.response.Response practice(RequestSpecification api, String ods, boolean hosted,
            String endpoint) {
        return api.contentType("application/json")
                .body("{\"name\": \"Door test " + ods + "\", \"asid\": \"9000000" + ods.substring(1) + "\", \"partyKey\": \""
                        + ods + "-1\", \"hosted\": " + hosted
                        + (endpoint == null ? "" : ", \"endpointUrl\": \"" + endpoint + "\"") + "}")
                .put("/api/v1/practices/" + ods);
    }
}

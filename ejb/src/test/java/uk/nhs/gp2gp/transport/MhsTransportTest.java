package uk.nhs.gp2gp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;

/** The MHS adaptor's outbound API as a small HTTP server that records what it is sent. */
class MhsTransportTest {

    private record Received(Map<String, List<String>> headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int answer = 202;

    @BeforeEach
    void startAdaptor() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopAdaptor() {
        server.stop(0);
    }

    @Test
    void postsTheRoutingHeadersAndTheOutboundBodyWithoutOurEbxml() throws Exception {
        OutboundMessage request = new ConversationCodec(Clock.systemUTC()).ehrRequest("CONV-9", "REQ-9",
                "9990000018", new Party("P99001", "900000000001", "P99001-0001"),
                new Party("B86041", "200000001161", "B86041-822103"));

        HttpDelivery.post(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                MhsTransport.headers(request, destination().getOdsCode(), "900000000001"),
                MhsTransport.outboundBody(request.envelope()), Duration.ofSeconds(5));

        assertEquals(1, received.size());
        Received call = received.get(0);
        assertEquals("RCMR_IN010000UK05", call.headers().get("Interaction-id").get(0));
        assertEquals("CONV-9", call.headers().get("Correlation-id").get(0));
        assertEquals(request.messageId(), call.headers().get("Message-id").get(0));
        assertEquals("false", call.headers().get("Wait-for-response").get(0));
        assertEquals("B86041", call.headers().get("Ods-code").get(0), "the receiving practice's code");
        assertEquals("900000000001", call.headers().get("From-asid").get(0));
        assertEquals("application/json", call.headers().get("Content-type").get(0));

        JsonObject body = Json.createReader(new ByteArrayInputStream(call.body().getBytes(StandardCharsets.UTF_8)))
                .readObject();
        assertTrue(body.getString("payload").startsWith("<RCMR_IN010000UK05"));
        assertFalse(body.containsKey("ebXML"), "the adaptor writes the ebXML itself");
        assertEquals(0, body.getJsonArray("attachments").size());
        assertEquals(0, body.getJsonArray("external_attachments").size());
    }

    @Test
    void serverErrorsAreRetryableAndRefusalsAreNot() {
        URI adaptor = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        answer = 503;
        assertTrue(assertThrows(TransportException.class, () -> HttpDelivery.post(adaptor, Map.of(), new byte[0],
                Duration.ofSeconds(5))).isRetryable());
        answer = 400;
        assertFalse(assertThrows(TransportException.class, () -> HttpDelivery.post(adaptor, Map.of(), new byte[0],
                Duration.ofSeconds(5))).isRetryable());
        server.stop(0);
        assertTrue(assertThrows(TransportException.class, () -> HttpDelivery.post(adaptor, Map.of(), new byte[0],
                Duration.ofSeconds(5))).isRetryable(), "no answer at all may pass");
    }

    private static Practice destination() {
        Practice practice = new Practice(OdsCode.of("B86041"), java.time.Instant.now());
        practice.update("Remote practice", "200000001161", "B86041-822103", false, null, null, java.time.Instant.now());
        return practice;
    }
}

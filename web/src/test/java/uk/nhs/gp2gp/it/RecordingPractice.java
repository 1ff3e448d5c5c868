package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote practice's side played by a small HTTP server on loopback: it takes every message the
 * hub sends it (202) and keeps it, with the secret that came with it, for the test to look at.
 */
final class RecordingPractice implements AutoCloseable {

    private static final Pattern EHR_REQUEST_ID = Pattern.compile(
            "<EhrRequest[^>]*>(?:\\s|\\\\[nrt])*<id root=\\\\\"([^\\\\\"]+)");

    private final HttpServer server;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    /** The X-GP2GP-Peer-Secret of every message ("" when none). */
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    private RecordingPractice(HttpServer server) {
        this.server = server;
    }

    static RecordingPractice start() throws IOException {
        RecordingPractice practice = new RecordingPractice(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        practice.server.createContext("/", exchange -> {
            String secret = exchange.getRequestHeaders().getFirst("X-GP2GP-Peer-Secret");
            practice.secrets.add(secret == null ? "" : secret);
            practice.messages.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        practice.server.start();
        return practice;
    }

    /** Its endpoint, as the practice directory names it. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> secrets() {
        return secrets;
    }

    /** Waits up to 30 s for a message of the conversation that {@code message} accepts. */
    void awaitSent(String conversation, Predicate<String> message, String what) {
        Eventually.until(what + " sent to the old practice", Duration.ofSeconds(30),
                () -> messages.stream().anyMatch(m -> m.contains(conversation) && message.test(m)));
    }

    /** The EhrRequest id of the request it got in the conversation: an extract names it (inFulfillmentOf). */
    String ehrRequestSent(String conversation) {
        awaitSent(conversation, m -> m.contains("RCMR_IN010000UK05"), "the EHR request");
        for (String message : messages) {
            Matcher m = EHR_REQUEST_ID.matcher(message);
            if (message.contains(conversation) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no EhrRequest id in the request sent");
    }

    /** An MCCI acknowledgement of {@code messageId}, of this type and (when negative) reason code. */
    static boolean isAck(String envelope, String messageId, String type, String code) {
        String payload = new JsonPath(envelope).getString("payload");
        return payload != null && payload.contains("MCCI_IN010000UK13")
                && payload.contains("<acknowledgement typeCode=\"" + type + "\"")
                && payload.toUpperCase().contains("<ID ROOT=\"" + messageId.toUpperCase() + "\"/>")
                && (code == null || payload.contains("code=\"" + code + "\""));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

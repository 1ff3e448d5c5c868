package uk.nhs.gp2gp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.PeerEndpoints;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;

/** What the loopback transport sends to a peer instance, at a small HTTP server that records it. */
class LoopbackTransportTest {

    private static final String MHS = "mhs-adaptor-secret-0123456789";
    private static final String HUB_B = "hub-b-pair-secret-0123456789";

    /** The X-GP2GP-Peer-Secret of each request (null: none sent). */
    private final List<String> secretsSent = new CopyOnWriteArrayList<>();
    private HttpServer peer;
    private final OutboundMessage message = new ConversationCodec(Clock.systemUTC()).ehrRequest("CONV-1", "REQ-1",
            "9990000018", new Party("Q99401", "900000099401", "Q99401-1"),
            new Party("Q99402", "900000099402", "Q99402-1"));

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.createContext("/", exchange -> {
            secretsSent.add(exchange.getRequestHeaders().getFirst(InboundReceiver.SECRET_HEADER));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    @Test
    void aPeerGetsItsOwnSecretAndAPracticeWithoutAPeerGetsNoneNeverTheMhsAdaptors() throws Exception {
        // Development (open), so that the recording server may be plain http; the MHS secret is set.
        LoopbackTransport transport = transport(InboundPeersTest.peers(MHS, "hub-b=" + HUB_B, true), true);
        transport.send(message, remote("http://127.0.0.1:" + peer.getAddress().getPort(), "hub-b"));
        transport.send(message, remote("http://127.0.0.1:" + peer.getAddress().getPort(), null));
        assertEquals(2, secretsSent.size());
        assertEquals(HUB_B, secretsSent.get(0));
        assertNull(secretsSent.get(1), "a practice with no peer of its own gets no secret at all");
        assertFalse(secretsSent.contains(MHS));
    }

    @Test
    void outsideDevelopmentAPracticeWithoutAPeerCannotBeSentTo() {
        LoopbackTransport transport = transport(InboundPeersTest.peers(MHS, "hub-b=" + HUB_B, false), false);
        TransportException noPeer = assertThrows(TransportException.class,
                () -> transport.send(message, remote("https://127.0.0.1:" + peer.getAddress().getPort(), null)));
        assertFalse(noPeer.isRetryable(), "fails visibly, not retried for ever");
        assertTrue(noPeer.getMessage().contains("name its peer in the practice directory"), noPeer.getMessage());
        assertTrue(secretsSent.isEmpty());
    }

    @Test
    void outsideDevelopmentAPlainHttpEndpointIsNotSentTo() {
        LoopbackTransport transport = transport(InboundPeersTest.peers(MHS, "hub-b=" + HUB_B, false), false);
        TransportException plain = assertThrows(TransportException.class,
                () -> transport.send(message, remote("http://127.0.0.1:" + peer.getAddress().getPort(), "hub-b")));
        assertFalse(plain.isRetryable());
        assertTrue(plain.getMessage().contains("endpointUrl") && plain.getMessage().contains("https://"));
        assertTrue(secretsSent.isEmpty());
    }

    private static LoopbackTransport transport(InboundPeers peers, boolean open) {
        try {
            LoopbackTransport transport = new LoopbackTransport();
            PeerEndpoints endpoints = new PeerEndpoints();
            set(PeerEndpoints.class, endpoints, "open", open);
            set(LoopbackTransport.class, transport, "peers", peers);
            set(LoopbackTransport.class, transport, "endpoints", endpoints);
            set(LoopbackTransport.class, transport, "deliveries", 1);
            OutboundSettings settings = new OutboundSettings();
            settings.timeout = java.time.Duration.ofSeconds(10);
            set(LoopbackTransport.class, transport, "settings", settings);
            return transport;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Class<?> type, Object target, String field, Object value)
            throws ReflectiveOperationException {
        var f = type.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static Practice remote(String endpoint, String peerName) {
        Practice practice = new Practice(OdsCode.of("Q99402"), Instant.now());
        practice.update("Remote practice", "900000099402", "Q99402-1", false, endpoint, null, Instant.now());
        practice.speakThrough(peerName);
        return practice;
    }
}

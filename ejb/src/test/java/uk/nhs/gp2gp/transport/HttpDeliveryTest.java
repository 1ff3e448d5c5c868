package uk.nhs.gp2gp.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An outbound call never waits longer than its timeout: a peer that takes the call and says nothing. */
class HttpDeliveryTest {

    @Test
    void aPeerThatNeverAnswersIsGivenUpOnAtTheTimeoutAndTriedAgainLater() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread taker = new Thread(() -> {
                try (Socket taken = silent.accept()) {
                    Thread.sleep(30_000);
                } catch (Exception stopped) {
                    // the test is over
                }
            });
            taker.setDaemon(true);
            taker.start();
            long began = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> HttpDelivery.post(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/mhs/inbound"), Map.of(),
                    "{}".getBytes(), Duration.ofSeconds(1)));
            Duration waited = Duration.ofNanos(System.nanoTime() - began);
            assertTrue(e.isRetryable(), "no answer is worth trying again: " + e.getMessage());
            assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, "gave up after " + waited);
        }
    }
}

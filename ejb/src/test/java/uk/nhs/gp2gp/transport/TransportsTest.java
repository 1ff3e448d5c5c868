package uk.nhs.gp2gp.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;

/** Which transport a message takes: a practice hosted here is always reached in-process. */
class TransportsTest {

    @Test
    void aHostedPracticeIsReachedInProcessEvenBehindTheMhsAdaptor() {
        Transports transports = transports("mhs");
        assertSame(transports.loopback, transports.to(practice("Q99501", true)));
        assertSame(transports.mhs, transports.to(practice("Q99502", false)));
    }

    @Test
    void withLoopbackChosenEveryPracticeGoesByLoopback() {
        Transports transports = transports("loopback");
        assertSame(transports.loopback, transports.to(practice("Q99501", true)));
        assertSame(transports.loopback, transports.to(practice("Q99502", false)));
    }

    @Test
    void onlyTheMhsAdaptorRoutesToAPracticeTheDirectoryDoesNotList() {
        assertTrue(transports("mhs").routesUnlisted());
        Transports loopback = transports("loopback");
        assertFalse(loopback.routesUnlisted());
        OutboundMessage message = new OutboundMessage("CONV-1", "MSG-1", "MCCI_IN010000UK13", "Q99501", "M85019",
                new byte[0]);

        TransportException noRoute = assertThrows(TransportException.class, () -> loopback.sendToUnlisted(message));

        assertFalse(noRoute.isRetryable(), "trying again cannot help: the transfer fails at once, saying why");
        assertTrue(noRoute.getMessage().contains("M85019 is not in the practice directory"), noRoute.getMessage());
    }

    private static Transports transports(String chosen) {
        Transports transports = new Transports();
        transports.chosen = chosen;
        transports.loopback = new LoopbackTransport();
        transports.mhs = new MhsTransport();
        return transports;
    }

    private static Practice practice(String ods, boolean hosted) {
        Practice practice = new Practice(OdsCode.of(ods), Instant.now());
        practice.update("Test practice " + ods, "900000099501", ods + "-1", hosted, null, null, Instant.now());
        return practice;
    }
}

package uk.nhs.gp2gp.transport;

import static org.junit.jupiter.api.Assertions.assertSame;

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

package uk.nhs.gp2gp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 30 s in the middle of a large transfer (every connection dropped, new
 * ones refused, through a relay the test cuts): the service says it is not ready while it is
 * away, and once it is back the transfer finishes, byte-exact, every part made once. Runs when
 * the ITs run on PostgreSQL (CI's second pass); the embedded H2 database cannot go away.
 */
@Tag("database")
@OwnServers
class DatabaseOutageIT {

    private static final String OLD_PRACTICE = "Q99731";
    private static final String NEW_PRACTICE = "Q99732";
    private static final String PATIENT = "9990070091";
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void aLargeTransferFinishesAfterTheDatabaseIsAwayFor30Seconds() throws Exception {
        Optional<OwnDatabase> own = OwnDatabase.postgresql("outage");
        assumeTrue(own.isPresent(), "SKIPPED LOUDLY: the database outage test needs the ITs on PostgreSQL (it.db.url)");
        URI database = URI.create(own.get().url().substring("jdbc:".length()));
        byte[] scan = new byte[6 * 1024 * 1024];
        new Random(31).nextBytes(scan);

        try (TcpProxy relay = new TcpProxy(database.getHost(), database.getPort() < 0 ? 5432 : database.getPort())) {
            String throughRelay = "jdbc:postgresql://127.0.0.1:" + relay.port() + database.getRawPath()
                    + (database.getRawQuery() == null ? "" : "?" + database.getRawQuery());
            // A message claimed just as the database went could not be marked failed: it is free again when
            // its lease ends. 10 s here (4 min by default, twice the outbound timeout) keeps the wait short.
            PeerInstance node = PeerInstance.start("db-outage", throughRelay, own.get().user(), own.get().password(),
                    Map.of("GP2GP_OUTBOX_LEASE", "PT10S", "GP2GP_OUTBOUND_TIMEOUT", "PT5S"));
            try {
                OneNodeTransfers.hostPractices(node, OLD_PRACTICE, NEW_PRACTICE);
                OneNodeTransfers.storeRecordWithScan(node, OLD_PRACTICE, PATIENT, scan);
                String conversation = OneNodeTransfers.askForRecord(node, PATIENT, NEW_PRACTICE, OLD_PRACTICE);
                JsonPath partWay = OneNodeTransfers.await(node, conversation, "REQUESTER",
                        t -> t.getInt("progress.partsExpected") > 10
                                && t.getInt("progress.partsReceived") * 4 >= t.getInt("progress.partsExpected"), 120);

                relay.cut();
                Instant cutAt = Instant.now();
                System.out.println("Database cut at " + partWay.getInt("progress.partsReceived") + " of "
                        + partWay.getInt("progress.partsExpected") + " parts");
                Map<Integer, Integer> readiness = new TreeMap<>();
                while (Instant.now().isBefore(cutAt.plus(OUTAGE))) {
                    readiness.merge(readiness(node), 1, Integer::sum);
                    Thread.sleep(1000);
                }
                relay.restore();
                System.out.println("Readiness answers while the database was away: " + readiness);
                assertTrue(readiness.getOrDefault(503, 0) > 0, "not ready while the database is away: " + readiness);

                Instant back = Instant.now();
                Eventually.until("ready again", Duration.ofSeconds(60), () -> readiness(node) == 200);
                System.out.println("Ready again " + Duration.between(back, Instant.now()).toMillis() + " ms after");

                JsonPath ready = OneNodeTransfers.awaitScanArrived(node, conversation, scan, "after the outage");
                node.asAdmin().contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                        .post("api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
                JsonPath sender = OneNodeTransfers.await(node, conversation, "SENDER",
                        t -> "COMPLETE".equals(t.getString("status")), 120);
                List<String> partsSent = OneNodeTransfers.sent(sender, "COPC_IN000001UK01");
                assertEquals(ready.getInt("progress.partsExpected") - 1, partsSent.size(), "every part made once");
                assertEquals(partsSent.size(), new HashSet<>(partsSent).size());
            } finally {
                node.close();
            }
        }
    }

    private static int readiness(PeerInstance node) {
        try {
            return RestAssured.given().baseUri(node.url()).get("/health/ready").statusCode();
        } catch (RuntimeException noAnswer) {
            return -1;
        }
    }
}

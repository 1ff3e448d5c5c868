package uk.nhs.gp2gp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.File;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 during a large transfer, at three points (as the request is accepted, in the middle of
 * the fragments, right after the outcome), each followed by a restart on the same database: the
 * transfer completes, every part byte-exact, and no part is made or sent twice under a new
 * message id. One instance hosts both practices (loopback), so each crash hits both sides at
 * once. The database is the ITs' PostgreSQL when they run on one, else an H2 file.
 * Not Arquillian: the test starts, kills and restarts the server process itself.
 */
@Tag("database")
@OwnServers
class CrashSafetyIT {

    private static final String OLD_PRACTICE = "Q99721";
    private static final String NEW_PRACTICE = "Q99722";
    private static final String PATIENT = "9990060045";
    /**
     * Messages a killed node had claimed are free again after 10 s (4 min by default), to keep the test
     * short; the outbound timeout shrinks with the lease, which must be at least twice as long.
     */
    private static final Map<String, String> SETTINGS = Map.of("GP2GP_OUTBOX_LEASE", "PT10S",
            "GP2GP_OUTBOUND_TIMEOUT", "PT5S");

    @Test
    void aLargeTransferSurvivesKillMinus9AtSeveralPoints() throws Exception {
        String[] db = database();
        byte[] scan = new byte[6 * 1024 * 1024];
        new Random(9).nextBytes(scan);
        PeerInstance node = PeerInstance.start("crash-1", db[0], db[1], db[2], SETTINGS);
        try {
            OneNodeTransfers.hostPractices(node, OLD_PRACTICE, NEW_PRACTICE);
            OneNodeTransfers.storeRecordWithScan(node, OLD_PRACTICE, PATIENT, scan);
            String conversation = OneNodeTransfers.askForRecord(node, PATIENT, NEW_PRACTICE, OLD_PRACTICE);

            // Crash 0: the moment the practice's request is accepted (the EHR request still to go, or just gone).
            node.kill();
            node = PeerInstance.start("crash-1b", db[0], db[1], db[2], SETTINGS);

            // Crash 1: in the middle of the fragments.
            JsonPath partWay = OneNodeTransfers.await(node, conversation, "REQUESTER",
                    t -> t.getInt("progress.partsExpected") > 10
                            && t.getInt("progress.partsReceived") * 3 >= t.getInt("progress.partsExpected"), 120);
            node.kill();
            System.out.println("Crash 1 at " + partWay.getInt("progress.partsReceived") + " of "
                    + partWay.getInt("progress.partsExpected") + " parts");
            node = PeerInstance.start("crash-2", db[0], db[1], db[2], SETTINGS);

            JsonPath ready = OneNodeTransfers.awaitScanArrived(node, conversation, scan, "after the crash");

            // Crash 2: the practice reports the outcome and the server dies at once.
            node.asAdmin().contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                    .post("api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
            node.kill();
            node = PeerInstance.start("crash-3", db[0], db[1], db[2], SETTINGS);
            OneNodeTransfers.await(node, conversation, "SENDER", t -> "COMPLETE".equals(t.getString("status")), 120);

            JsonPath sender = node.asAdmin().get("api/v1/transfers/" + conversation + "?role=SENDER").then()
                    .statusCode(200).extract().jsonPath();
            JsonPath requester = node.asAdmin().get("api/v1/transfers/" + conversation + "?role=REQUESTER").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals("INTEGRATED", requester.getString("status"));
            int parts = requester.getInt("progress.partsExpected");
            List<String> partsSent = OneNodeTransfers.sent(sender, "COPC_IN000001UK01");
            assertEquals(parts - 1, partsSent.size(), "every part made once: no part sent under a second id");
            assertEquals(partsSent.size(), new HashSet<>(partsSent).size());
            List<String> extractsSent = OneNodeTransfers.sent(sender, "RCMR_IN030000UK06");
            assertEquals(1, extractsSent.size(), "one extract");
            List<String> requestsSent = OneNodeTransfers.sent(requester, "RCMR_IN010000UK05");
            assertEquals(1, requestsSent.size(), "one EHR request, though the node died as it was accepted");
            List<String> received = requester.getList("timeline.findAll { it.direction == 'IN' }.messageId");
            assertEquals(received.size(), new HashSet<>(received).size(), "each message processed once");
            List<String> finalAcks = requester.getList("timeline.findAll { it.direction == 'OUT'"
                    + " && it.interactionId == 'MCCI_IN010000UK13' && it.refersTo == '"
                    + ready.getString("timeline.find { it.interactionId == 'RCMR_IN030000UK06' }.messageId") + "' }");
            assertEquals(1, finalAcks.size(), "one final acknowledgement");
        } finally {
            node.close();
        }
    }

    /** A PostgreSQL database of its own when the ITs run on PostgreSQL; otherwise a fresh H2 file under target/. */
    private static String[] database() {
        Optional<OwnDatabase> own = OwnDatabase.postgresql("crash");
        if (own.isPresent()) {
            return new String[] {own.get().url(), own.get().user(), own.get().password()};
        }
        File dir = new File("target/crash-db");
        for (File f : dir.listFiles() == null ? new File[0] : dir.listFiles()) {
            f.delete();
        }
        return new String[] {"jdbc:h2:file:" + dir.getAbsolutePath() + "/gp2gp"
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", ""};
    }

}

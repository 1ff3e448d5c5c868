package uk.nhs.gp2gp.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances, clustered on loopback, on one PostgreSQL database, both hosting the
 * same two practices. Conversations are started on either node in turn; half way one node is
 * killed (kill -9) and the other takes over what it had claimed once the leases run out.
 * Every conversation completes, and no message is made or processed twice. Runs when the ITs run
 * on PostgreSQL (CI's second pass).
 */
@Tag("database")
@OwnServers
class ClusterIT {

    private static final String OLD_PRACTICE = "Q99741";
    private static final String NEW_PRACTICE = "Q99742";
    private static final int CONVERSATIONS = 40;
    /**
     * What a killed node had claimed is free again after 10 s (minutes by default), to keep the test short;
     * the outbound timeout shrinks with the outbox lease, which must be at least twice as long.
     */
    private static final Map<String, String> SETTINGS = Map.of("GP2GP_OUTBOX_LEASE", "PT10S",
            "GP2GP_OUTBOUND_TIMEOUT", "PT5S", "GP2GP_SCHEDULER_LEASE", "PT10S");

    @Test
    void twoNodesShareTheWorkAndOneFinishesWhatTheOtherLeftWhenItDies() throws Exception {
        Optional<OwnDatabase> database = OwnDatabase.postgresql("cluster");
        assumeTrue(database.isPresent(), "SKIPPED LOUDLY: the cluster test needs the ITs on PostgreSQL (it.db.url)");
        String url = database.get().url();
        String user = database.get().user();
        String password = database.get().password();
        List<String> clustered = List.of("--clustername", "gp2gp-it-" + UUID.randomUUID(),
                "--clustermode", "tcpip:127.0.0.1:6900", "--interfaces", "127.0.0.1");
        CompletableFuture<PeerInstance> startA = CompletableFuture.supplyAsync(
                () -> start("cluster-a", url, user, password, clustered));
        CompletableFuture<PeerInstance> startB = CompletableFuture.supplyAsync(
                () -> start("cluster-b", url, user, password, clustered));
        PeerInstance a = startA.join();
        PeerInstance b = startB.join();
        try {
            System.out.println("Data grid as node A saw it: " + dataGrid("cluster-a"));
            OneNodeTransfers.hostPractices(a, OLD_PRACTICE, NEW_PRACTICE);
            // Two records have a 3.5 MB scan, which travels by large messaging in about a hundred fragments.
            List<String> patients = patients(CONVERSATIONS);
            byte[] scan = new byte[3584 * 1024];
            new Random(41).nextBytes(scan);
            for (int i = 0; i < patients.size(); i++) {
                PeerInstance node = i % 2 == 0 ? a : b;
                if (withScan(i)) {
                    OneNodeTransfers.storeRecordWithScan(node, OLD_PRACTICE, patients.get(i), scan);
                } else {
                    node.asAdmin().contentType("application/xml").body(TransferIT.bareExtract(patients.get(i)))
                            .put("api/v1/practices/" + OLD_PRACTICE + "/records/" + patients.get(i))
                            .then().statusCode(201);
                }
            }
            // Half the conversations are asked for on either node in turn; then node B dies, with work
            // in hand, and node A is asked for the other half.
            Instant began = Instant.now();
            List<String> conversations = new ArrayList<>();
            for (int i = 0; i < patients.size(); i++) {
                if (i == CONVERSATIONS / 2) {
                    b.kill();
                    System.out.println("Node B killed with the new practice's transfers at "
                            + statuses(a, NEW_PRACTICE));
                }
                PeerInstance node = i % 2 == 0 || i >= CONVERSATIONS / 2 ? a : b;
                conversations.add(OneNodeTransfers.askForRecord(node, patients.get(i), NEW_PRACTICE, OLD_PRACTICE));
            }

            awaitStatuses(a, NEW_PRACTICE, s -> s.getOrDefault("READY_TO_INTEGRATE", 0L) == CONVERSATIONS, 180);
            for (String conversation : conversations) {
                a.asAdmin().contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                        .post("api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
            }
            awaitStatuses(a, OLD_PRACTICE, s -> s.getOrDefault("COMPLETE", 0L) == CONVERSATIONS, 180);
            System.out.println(CONVERSATIONS + " conversations complete in "
                    + Duration.between(began, Instant.now()).toSeconds() + " s, one node killed half way");

            for (int i = 0; i < conversations.size(); i++) {
                String conversation = conversations.get(i);
                JsonPath requester = a.asAdmin().get("api/v1/transfers/" + conversation + "?role=REQUESTER")
                        .then().statusCode(200).extract().jsonPath();
                JsonPath sender = a.asAdmin().get("api/v1/transfers/" + conversation + "?role=SENDER")
                        .then().statusCode(200).extract().jsonPath();
                assertEquals("INTEGRATED", requester.getString("status"));
                assertEquals(1, OneNodeTransfers.sent(requester, "RCMR_IN010000UK05").size(),
                        "one request: " + conversation);
                assertEquals(1, OneNodeTransfers.sent(sender, "RCMR_IN030000UK06").size(),
                        "one extract: " + conversation);
                List<String> parts = OneNodeTransfers.sent(sender, "COPC_IN000001UK01");
                assertEquals(parts.size(), new HashSet<>(parts).size(), "each part made once: " + conversation);
                assertEquals(requester.getInt("progress.partsExpected"), requester.getInt("progress.partsReceived"));
                for (JsonPath side : List.of(requester, sender)) {
                    List<String> received = side.getList("timeline.findAll { it.direction == 'IN' }.messageId");
                    assertEquals(received.size(), new HashSet<>(received).size(), "each message processed once");
                }
                if (withScan(i)) {
                    assertTrue(parts.size() > 50, "the scan went by large messaging: " + parts.size() + " parts");
                    assertArrayEquals(scan, OneNodeTransfers.arrivedScan(a, conversation, requester));
                }
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private static boolean withScan(int conversation) {
        return conversation % 20 == 1;
    }

    private static PeerInstance start(String name, String url, String user, String password, List<String> options) {
        try {
            return PeerInstance.start(name, url, user, password, SETTINGS, options);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


    /** The transfers of a practice by status, once {@code done} says so. */
    private static Map<String, Long> awaitStatuses(PeerInstance node, String ods,
            java.util.function.Predicate<Map<String, Long>> done, int seconds) {
        return Eventually.until(ods + "'s transfers by status", Duration.ofSeconds(seconds),
                () -> statuses(node, ods), done);
    }

    private static Map<String, Long> statuses(PeerInstance node, String ods) {
        List<String> statuses = node.asAdmin().get("api/v1/transfers?ods=" + ods + "&size=500")
                .then().statusCode(200).extract().jsonPath().getList("status");
        return new TreeMap<>(statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }

    /** Synthetic test patients: 999 numbers with valid check digits, used by no other test. */
    private static List<String> patients(int count) {
        List<String> numbers = new ArrayList<>();
        for (int n = 0; numbers.size() < count; n++) {
            String stem = "999080" + String.format("%03d", n);
            int sum = 0;
            for (int d = 0; d < 9; d++) {
                sum += (stem.charAt(d) - '0') * (10 - d);
            }
            int check = 11 - sum % 11;
            if (check != 10) {
                numbers.add(stem + (check == 11 ? 0 : check));
            }
        }
        return numbers;
    }

    /** The data grid's size as the node's log reports it. */
    private static String dataGrid(String name) throws Exception {
        return Files.readAllLines(Path.of("target/failsafe-reports/" + name + "-server-output.txt")).stream()
                .filter(line -> line.contains("DG Size")).reduce((first, second) -> second).orElse("not reported");
    }
}

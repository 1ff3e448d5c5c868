package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * A large transfer between two practices hosted on one instance that a test starts itself (a
 * {@link PeerInstance}), for the tests that crash it or take its database away.
 */
final class OneNodeTransfers {

    private OneNodeTransfers() {
    }

    static void hostPractices(PeerInstance node, String... odsCodes) {
        for (String ods : odsCodes) {
            node.asAdmin().contentType("application/json")
                    .body("{\"name\": \"Test practice " + ods + "\", \"asid\": \"9000000" + ods.substring(1)
                            + "\", \"partyKey\": \"" + ods + "-1\", \"hosted\": true}")
                    .put("api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
        }
    }

    /** The old practice stores the patient's record with a scan that travels in fragments. */
    static void storeRecordWithScan(PeerInstance node, String practice, String patient, byte[] scan) {
        node.asAdmin().contentType(RECORD_WITH_SCAN_TYPE).body(recordWithScan(patient, scan))
                .put("api/v1/practices/" + practice + "/records/" + patient).then().statusCode(oneOf(201, 204));
    }

    static final String RECORD_WITH_SCAN_TYPE = "multipart/related; type=\"application/xml\"; boundary=scan-boundary";

    /** A record upload (multipart/related) of the patient's bare extract and one scan. */
    static byte[] recordWithScan(String patient, byte[] scan) {
        String boundary = "scan-boundary";
        return ("--" + boundary + "\r\nContent-Type: application/xml\r\n\r\n" + TransferIT.bareExtract(patient)
                + "\r\n--" + boundary + "\r\nContent-Id: <scan@practice>\r\nContent-Type: image/tiff\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Description: Filename=\"scan.tif\""
                + " ContentType=image/tiff Compressed=No LargeAttachment=No OriginalBase64=Yes\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(scan) + "\r\n--" + boundary + "--\r\n").getBytes(UTF_8);
    }

    /** The new practice asks the old one for the patient's record; the conversation id. */
    static String askForRecord(PeerInstance node, String patient, String newPractice, String oldPractice) {
        DeployedWar.registeredAt(node.asAdmin(), patient, newPractice, oldPractice);
        return node.asAdmin().contentType("application/json")
                .body("{\"nhsNumber\": \"" + patient + "\", \"requestingOds\": \"" + newPractice
                        + "\", \"sendingOds\": \"" + oldPractice + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().path("conversationId");
    }

    static JsonPath await(PeerInstance node, String conversation, String role, Predicate<JsonPath> condition,
            int seconds) {
        return Eventually.until("the " + role + " transfer " + conversation, Duration.ofSeconds(seconds), () -> {
            try {
                Response response = node.asAdmin().get("api/v1/transfers/" + conversation + "?role=" + role);
                return response.statusCode() == 200 ? response.jsonPath() : null;
            } catch (RuntimeException unreachable) {
                return null; // the node may be restarting
            }
        }, transfer -> transfer != null && condition.test(transfer));
    }

    /** Waits for the record to be ready with every part in, and checks the scan arrived byte-exact. */
    static JsonPath awaitScanArrived(PeerInstance node, String conversation, byte[] scan, String after)
            throws InterruptedException {
        JsonPath ready = await(node, conversation, "REQUESTER",
                t -> "READY_TO_INTEGRATE".equals(t.getString("status")), 180);
        assertEquals(ready.getInt("progress.partsExpected"), ready.getInt("progress.partsReceived"));
        assertArrayEquals(scan, arrivedScan(node, conversation, ready), "the scan, byte-exact " + after);
        return ready;
    }

    /** The ids of the messages of one interaction a side sent, from its timeline. */
    static List<String> sent(JsonPath transfer, String interactionId) {
        return transfer.getList("timeline.findAll { it.direction == 'OUT' && it.interactionId == '" + interactionId
                + "' }.messageId");
    }

    /** The scan as it arrived at the new practice. */
    static byte[] arrivedScan(PeerInstance node, String conversation, JsonPath ready) {
        String contentId = ready.getString("attachments[0].contentId");
        return node.asAdmin().get("api/v1/transfers/" + conversation + "/attachments/" + contentId)
                .then().statusCode(200).extract().asByteArray();
    }
}

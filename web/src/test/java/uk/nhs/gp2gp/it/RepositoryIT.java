package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.asMhs;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The suspended-records repository, the reference's scenarios end to end on one instance: the ITs'
 * server runs as repository {@value #REPOSITORY} (gp2gp.repository.ods) beside practices it also
 * hosts. A patient leaves practice A and registers nowhere: the repository takes the record over
 * GP2GP and holds it; the patient registers at B (or back at A), B asks the repository (the managing
 * organisation) and the record arrives; B integrates it, it is released, and deleted after the
 * retention period (20 s in the ITs, which the test moves the clock past).
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class RepositoryIT {

    private static final String REPOSITORY = "Q99800";
    private static final String PRACTICE_A = "Q99801";
    private static final String PRACTICE_B = "Q99802";
    private static final String PRACTICE_C = "Q99803";
    /** A practice on another system, whose messages come through the MHS adaptor. */
    private static final String REMOTE = "Q99804";
    /** A remote practice that takes messages and never answers: a request to it waits. */
    private static final String SILENT = "Q99805";
    /** Synthetic NHS numbers: 999 range, valid modulus 11, one per scenario. */
    private static final TestPatients PATIENTS = new TestPatients(999_080_000);
    private static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password");

    @Deployment(testable = false)
    @TargetsContainer(DeployedWar.CLOCK_CONTAINER)
    static WebArchive deployment() {
        return DeployedWar.withTestClock();
    }

    @ArquillianResource
    private URL app;

    @BeforeEach
    void practices() {
        for (String ods : List.of(PRACTICE_A, PRACTICE_B, PRACTICE_C)) {
            asAdmin(app).contentType("application/json")
                    .body("{\"name\": \"Repository test " + ods + "\", \"asid\": \"9000000" + ods.substring(1)
                            + "\", \"partyKey\": \"" + ods + "-1\", \"hosted\": true}")
                    .put("api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
        }
        asAdmin(app).contentType("application/json")
                .body("{\"name\": \"Repository test " + REMOTE + "\", \"asid\": \"9000000" + REMOTE.substring(1)
                        + "\", \"partyKey\": \"" + REMOTE + "-1\", \"hosted\": false}")
                .put("api/v1/practices/" + REMOTE).then().statusCode(oneOf(200, 201));
    }

    @Test
    void theRepositoryIsInTheDirectoryAsAHostedPartyMarkedAsTheRepository() {
        asAdmin(app).get("api/v1/practices/" + REPOSITORY).then().statusCode(200)
                .body("hosted", equalTo(true)).body("nationalRepository", equalTo(true));
    }

    /** R2: a small record in, held, out to the practice the patient registered at; released on integration. */
    @Test
    void aSmallRecordGoesInIsHeldAndGoesOutToTheNewPractice() {
        String patient = nextPatient();
        storeRecordAt(PRACTICE_A, patient, TransferIT.bareExtract(patient).getBytes(UTF_8), "application/xml");
        suspended(patient);

        JsonPath answer = event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z");
        assertEquals("SUSPENSION_STARTED", answer.getString("outcome"));
        JsonPath held = waitForHolding(patient, "COMPLETE");
        assertEquals(PRACTICE_A, held.getString("sourceOds"));
        assertTrue(held.getLong("sizeBytes") > 0);
        asAdmin(app).get("api/v1/demographics/" + patient).then().body("managingOds", equalTo(REPOSITORY));
        // The old practice got the repository's positive final acknowledgement: sent, not a paper task.
        waitFor(held.getString("conversations.inbound"), "SENDER", t -> "COMPLETE".equals(t.getString("status")));

        // PDS: registered at B, the repository still manages the record; B's request goes where PDS says.
        demographics(patient, PRACTICE_B, REPOSITORY, false, null);
        assertEquals("REGISTRATION_NOTED", event(patient, "REGISTRATION", PRACTICE_B, "2026-11-20T09:00:00Z")
                .getString("outcome"));
        String conversation = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + patient + "\", \"requestingOds\": \"" + PRACTICE_B + "\"}")
                .post("api/v1/transfers").then().statusCode(202).body("sendingOds", equalTo(REPOSITORY))
                .extract().path("conversationId");
        JsonPath arrived = waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        String ehr = asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(200)
                .extract().asString();
        assertTrue(ehr.contains("extension=\"" + patient + "\""), "the held record, about this patient");
        assertFalse(arrived.getBoolean("returningPatient"));

        integrate(conversation);
        JsonPath released = waitForHolding(patient, "RELEASED");
        assertEquals(PRACTICE_B, released.getString("releasedToOds"));
        assertFalse(released.getBoolean("returningPatient"));
        assertEquals(conversation, released.getString("conversations.outbound"));
        List<String> steps = released.getList("history.status");
        assertEquals(List.of("STARTED", "REQUEST_SENT", "COMPLETE", "COMPLETE", "COMPLETE", "RELEASED"), steps,
                "suspended, requested, held, registration noted, requested by B, released: " + released.prettify());
    }

    /** R3: a record too big for one message comes in as fragments and goes out as fragments, byte-exact. */
    @Test
    void aLargeRecordGoesInAndOutInFragmentsByteExact() {
        String patient = nextPatient();
        byte[] scan = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(scan);
        storeRecordAt(PRACTICE_A, patient, OneNodeTransfers.recordWithScan(patient, scan),
                OneNodeTransfers.RECORD_WITH_SCAN_TYPE);
        suspended(patient);

        event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z");
        JsonPath held = waitForHolding(patient, "COMPLETE", Duration.ofSeconds(120));
        List<String> steps = held.getList("history.status");
        assertTrue(steps.containsAll(List.of("CORE_RECEIVED", "CONTINUE_SENT", "COMPLETE")), held.prettify());
        assertTrue(held.getLong("sizeBytes") > scan.length);

        registeredAt(patient, PRACTICE_B);
        String conversation = request(patient, PRACTICE_B);
        JsonPath arrived = waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")),
                Duration.ofSeconds(120));
        assertTrue(arrived.getInt("progress.partsExpected") > 50, "fragments: " + arrived.prettify());
        String contentId = arrived.getString("attachments[0].contentId");
        byte[] received = asAdmin(app).get("api/v1/transfers/" + conversation + "/attachments/" + contentId)
                .then().statusCode(200).contentType("image/tiff").extract().asByteArray();
        assertArrayEquals(scan, received, "the scan, byte-exact after two large transfers");
        integrate(conversation);
        waitForHolding(patient, "RELEASED");
    }

    /**
     * An operator cancels the repository's request in the console: the suspension fails with the
     * operator's reason. The operator then retries it: the same suspension asks again, in the new
     * conversation. The old practice is a remote one that never answers, so the request waits.
     */
    @Test
    void aSuspensionFollowsAnOperatorsCancelAndRetry() throws Exception {
        String patient = nextPatient();
        try (RecordingPractice silent = RecordingPractice.start();
                ConsoleBrowser browser = new ConsoleBrowser(app, 1366, 900)) {
            asAdmin(app).contentType("application/json")
                    .body("{\"name\": \"Repository test " + SILENT + "\", \"asid\": \"9000000" + SILENT.substring(1)
                            + "\", \"partyKey\": \"" + SILENT + "-1\", \"hosted\": false, \"endpointUrl\": \""
                            + silent.url() + "\"}")
                    .put("api/v1/practices/" + SILENT).then().statusCode(oneOf(200, 201));
            demographics(patient, null, SILENT, false, null);
            event(patient, "DEREGISTRATION", SILENT, "2026-11-01T09:00:00Z");
            String first = waitForHolding(patient, "REQUEST_SENT").getString("conversations.inbound");

            browser.signIn("admin", ADMIN_PASSWORD);
            browser.open("/console/transfer.xhtml?id=" + first + "&role=REQUESTER");
            browser.click(By.id("transfer:cancel"));
            browser.type(By.id("cancelForm:reason"), "asked for by mistake");
            browser.click(By.id("cancelForm:confirmCancel"));
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                    "Transfer cancelled"));
            JsonPath cancelled = waitForHolding(patient, "FAILED");
            assertTrue(cancelled.getString("failure.reason").contains("Cancelled by admin: asked for by mistake"),
                    cancelled.prettify());

            browser.click(By.id("transfer:retry"));
            browser.click(By.cssSelector(".ui-confirmdialog-yes"));
            browser.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Transfer retried"));
            JsonPath retried = waitForHolding(patient, "REQUEST_SENT");
            String retry = retried.getString("conversations.inbound");
            assertFalse(first.equals(retry), "the suspension follows the retry's new conversation: " + retried.prettify());
            waitFor(retry, "REQUESTER", t -> "REQUESTED".equals(t.getString("status")));
            assertNull(retried.get("failure"), "the cancel's failure is forgotten when the record is asked for again");
            assertEquals(List.of("STARTED", "REQUEST_SENT", "FAILED", "REQUEST_SENT"),
                    retried.getList("history.status"), retried.prettify());
        }
    }

    /** C5: deceased patients' records are not taken. */
    @Test
    void aDeceasedPatientsRecordIsNotTaken() {
        String patient = nextPatient();
        demographics(patient, null, PRACTICE_A, true, null);
        assertEquals("NO_ACTION_DECEASED", event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z")
                .getString("outcome"));
        asAdmin(app).get("api/v1/suspended-records/" + patient).then().statusCode(404);
    }

    /** C2: the patient registered somewhere since: ordinary GP2GP, no action. */
    @Test
    void aPatientRegisteredElsewhereIsNotSuspended() {
        String patient = nextPatient();
        registeredAt(patient, PRACTICE_C);
        JsonPath answer = event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z");
        assertEquals("NO_ACTION_NOT_SUSPENDED", answer.getString("outcome"));
        assertTrue(answer.getString("detail").contains(PRACTICE_C));
        asAdmin(app).get("api/v1/suspended-records/" + patient).then().statusCode(404);
    }

    /** A merged NHS number: the repository follows it to the number in use. */
    @Test
    void aSupersededNumberIsFollowed() {
        String old = nextPatient();
        String current = nextPatient();
        storeRecordAt(PRACTICE_A, current, TransferIT.bareExtract(current).getBytes(UTF_8), "application/xml");
        demographics(old, null, PRACTICE_A, false, current);
        suspended(current);
        JsonPath answer = event(old, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z");
        assertEquals("SUSPENSION_STARTED", answer.getString("outcome"));
        waitForHolding(current, "COMPLETE");
    }

    /** The same event twice is processed once and answered the same. */
    @Test
    void aDuplicateEventIsAnsweredTheSameAndProcessedOnce() {
        String patient = nextPatient();
        storeRecordAt(PRACTICE_A, patient, TransferIT.bareExtract(patient).getBytes(UTF_8), "application/xml");
        suspended(patient);
        String eventId = "dup-" + patient;
        JsonPath first = event(eventId, patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z");
        JsonPath second = event(eventId, patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z");
        assertEquals(first.getString("outcome"), second.getString("outcome"));
        assertEquals(first.getString("detail"), second.getString("detail"));
        assertTrue(second.getBoolean("duplicate"));
        waitForHolding(patient, "COMPLETE");
        // One conversation with practice A (seen from both sides, both hosted here): one request, not two.
        List<String> conversations = asAdmin(app).get("api/v1/transfers?nhsNumber=" + patient + "&ods=" + REPOSITORY)
                .then().statusCode(200).extract().jsonPath().getList("conversationId");
        assertEquals(1, conversations.stream().distinct().count(), conversations.toString());
    }

    /** Eight events for one patient at once: processed one at a time, so one suspension and one request. */
    @Test
    void concurrentEventsForOnePatientStartOneSuspension() throws Exception {
        String patient = nextPatient();
        storeRecordAt(PRACTICE_A, patient, TransferIT.bareExtract(patient).getBytes(UTF_8), "application/xml");
        suspended(patient);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z")
                        .getString("outcome")));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<String> answer : answers) {
                outcomes.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, outcomes.stream().filter("SUSPENSION_STARTED"::equals).count(), outcomes.toString());
            assertEquals(7, outcomes.stream().filter("NO_ACTION_ALREADY_HELD"::equals).count(), outcomes.toString());
        } finally {
            pool.shutdownNow();
        }
        waitForHolding(patient, "COMPLETE");
        List<String> conversations = asAdmin(app).get("api/v1/transfers?nhsNumber=" + patient + "&ods=" + REPOSITORY)
                .then().statusCode(200).extract().jsonPath().getList("conversationId");
        assertEquals(1, conversations.stream().distinct().count(), conversations.toString());
    }

    /** An event older than the latest one seen for the patient is recorded and ignored. */
    @Test
    void anOlderEventThanTheLastOneSeenIsIgnored() {
        String patient = nextPatient();
        registeredAt(patient, PRACTICE_B);
        assertEquals("NO_ACTION_NOT_HELD", event(patient, "REGISTRATION", PRACTICE_B, "2026-11-10T09:00:00Z")
                .getString("outcome"));
        suspended(patient);
        JsonPath stale = event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-09T09:00:00Z");
        assertEquals("OUT_OF_ORDER", stale.getString("outcome"));
        asAdmin(app).get("api/v1/suspended-records/" + patient).then().statusCode(404);
    }

    /** N1: only the practice the patient is registered at gets the record (code 19 otherwise, never silence). */
    @Test
    void aRequesterThatIsNotThePatientsPracticeIsRefusedWithCode19() {
        String patient = heldRecordOf(nextPatient());
        registeredAt(patient, PRACTICE_C);
        String conversation = request(patient, PRACTICE_B);
        JsonPath refused = waitFor(conversation, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
        assertEquals("19", refused.getString("failure.code"));
        assertEquals("COMPLETE", holding(patient).getString("status"), "still held");
    }

    /** K2: a record still coming in (or that failed) cannot be sent on: code 06. */
    @Test
    void aRecordNotCompleteIsRefusedWithCode06() {
        String patient = nextPatient();
        // Practice A has no stored record: its request waits for A's partner system, so nothing arrives.
        suspended(patient);
        event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z");
        waitForHolding(patient, "REQUEST_SENT");
        registeredAt(patient, PRACTICE_B);
        String conversation = request(patient, PRACTICE_B);
        JsonPath refused = waitFor(conversation, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
        assertEquals("06", refused.getString("failure.code"));
    }

    /** K1: a patient the repository never held: code 06. */
    @Test
    void aPatientNeverHeldIsRefusedWithCode06() {
        String patient = nextPatient();
        registeredAt(patient, PRACTICE_B);
        String conversation = request(patient, PRACTICE_B);
        JsonPath refused = waitFor(conversation, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
        assertEquals("06", refused.getString("failure.code"));
    }

    /**
     * D1/D2: every message is delivered three times in the ITs (one extract goes out); a second
     * request in another conversation while the record is on its way is refused, not sent twice.
     */
    @Test
    void aDuplicateRequestGetsNoSecondRecord() {
        String patient = heldRecordOf(nextPatient());
        registeredAt(patient, PRACTICE_B);
        String conversation = request(patient, PRACTICE_B);
        waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        JsonPath sending = waitFor(conversation, "SENDER", t -> "EXTRACT_SENT".equals(t.getString("status")));
        assertEquals(1, sending.getList("timeline.findAll { it.interactionId == 'RCMR_IN030000UK06' }").size());

        // The second request comes from outside (only this instance speaks for its own practices): the patient
        // registers at a remote practice, which asks through the MHS adaptor.
        registeredAt(patient, REMOTE);
        String second = UUID.randomUUID().toString().toUpperCase();
        OutboundMessage request = new ConversationCodec(Clock.systemUTC()).ehrRequest(second, "REQ-" + second,
                patient, new Party(REMOTE, "9000000" + REMOTE.substring(1), REMOTE + "-1"),
                new Party(REPOSITORY, "999999999800", REPOSITORY + "-999999999800"));
        asMhs(app).contentType("application/json").body(request.envelope()).post("mhs/inbound")
                .then().statusCode(202);
        JsonPath refused = waitFor(second, "SENDER", t -> "REFUSED".equals(t.getString("status")));
        assertEquals("99", refused.getString("failure.code"));
        registeredAt(patient, PRACTICE_B);
        integrate(conversation);
        waitForHolding(patient, "RELEASED");
    }

    /** A returning patient: back at the practice they left, which gets its record back, flagged. */
    @Test
    void aPatientReturningToThePracticeTheyLeftGetsTheRecordBack() {
        String patient = heldRecordOf(nextPatient());
        registeredAt(patient, PRACTICE_A);
        event(patient, "REGISTRATION", PRACTICE_A, "2026-11-20T09:00:00Z");
        String conversation = request(patient, PRACTICE_A);
        waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        integrate(conversation);
        JsonPath released = waitForHolding(patient, "RELEASED");
        assertTrue(released.getBoolean("returningPatient"));
        assertEquals(PRACTICE_A, released.getString("releasedToOds"));
    }

    /**
     * Retention: a released record is soft-deleted: asked for again within the period it is sent again,
     * as the national repository does (a soft-deleted record goes out until it is deleted for good);
     * after the period it is deleted and asking again gets 06.
     */
    @Test
    void aReleasedRecordIsSentAgainWithinTheRetentionPeriodThenDeleted() {
        String patient = heldRecordOf(nextPatient());
        registeredAt(patient, PRACTICE_B);
        String conversation = request(patient, PRACTICE_B);
        waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        integrate(conversation);
        JsonPath released = waitForHolding(patient, "RELEASED");
        assertTrue(Instant.parse(released.getString("deleteAfter")).isAfter(Instant.parse(released.getString("releasedAt"))));

        registeredAt(patient, PRACTICE_C);
        String again = request(patient, PRACTICE_C);
        waitFor(again, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));

        DeployedWar.shiftClock(app, DeployedWar.RETENTION);
        JsonPath deleted = waitForHolding(patient, "DELETED");
        assertEquals(0, deleted.getLong("sizeBytes"));
        // Back at B, whose first transfer ended (C's is still open, awaiting integration).
        registeredAt(patient, PRACTICE_B);
        String afterDeletion = request(patient, PRACTICE_B);
        JsonPath refused = waitFor(afterDeletion, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
        assertEquals("06", refused.getString("failure.code"));
    }

    @Test
    void holdingsAreSearchableByStatusAndPractice() {
        String patient = heldRecordOf(nextPatient());
        Response page = asAdmin(app).get("api/v1/suspended-records?status=COMPLETE&ods=" + PRACTICE_A + "&size=500");
        page.then().statusCode(200);
        assertTrue(page.jsonPath().getList("nhsNumber").contains(patient));
        assertTrue(Integer.parseInt(page.header("X-Total-Count")) >= 1);
        asAdmin(app).get("api/v1/suspended-records?status=NOPE").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("status"));
    }

    @Test
    void badEventsGetAProblemNamingTheField() {
        asAdmin(app).contentType("application/json").body("{\"eventId\": \"e-1\", \"nhsNumber\": \"9990000001\","
                + " \"type\": \"DEREGISTRATION\", \"odsCode\": \"" + PRACTICE_A + "\", \"occurredAt\": \"2026-11-01T09:00:00Z\"}")
                .post("api/v1/registration-events").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nhsNumber"));
        asAdmin(app).contentType("application/json").body("{\"eventId\": \"e-2\", \"nhsNumber\": \"" + nextPatient()
                + "\", \"type\": \"DEREGISTRATION\", \"odsCode\": \"" + PRACTICE_A + "\", \"occurredAt\": \"yesterday\"}")
                .post("api/v1/registration-events").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("occurredAt"));
        anonymous(app).contentType("application/json").body("{}").post("api/v1/registration-events")
                .then().statusCode(401);
    }

    // ---- helpers

    /** A patient whose record the repository took from practice A and holds. */
    private String heldRecordOf(String patient) {
        storeRecordAt(PRACTICE_A, patient, TransferIT.bareExtract(patient).getBytes(UTF_8), "application/xml");
        suspended(patient);
        assertEquals("SUSPENSION_STARTED", event(patient, "DEREGISTRATION", PRACTICE_A, "2026-11-01T09:00:00Z")
                .getString("outcome"));
        waitForHolding(patient, "COMPLETE");
        return patient;
    }

    private static String nextPatient() {
        return PATIENTS.next();
    }

    private void storeRecordAt(String ods, String patient, byte[] body, String contentType) {
        asAdmin(app).contentType(contentType).body(body).put("api/v1/practices/" + ods + "/records/" + patient)
                .then().statusCode(oneOf(201, 204));
    }

    /** Registered nowhere; practice A manages the record until the repository takes it. */
    private void suspended(String patient) {
        demographics(patient, null, PRACTICE_A, false, null);
    }

    private void registeredAt(String patient, String ods) {
        demographics(patient, ods, ods, false, null);
    }

    private void demographics(String patient, String registered, String managing, boolean deceased, String superseded) {
        asAdmin(app).contentType("application/json")
                .body("{\"registeredOds\": " + quoted(registered) + ", \"managingOds\": " + quoted(managing)
                        + ", \"deceased\": " + deceased + ", \"supersededBy\": " + quoted(superseded) + "}")
                .put("api/v1/demographics/" + patient).then().statusCode(oneOf(200, 201));
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    private JsonPath event(String patient, String type, String ods, String occurredAt) {
        return event(UUID.randomUUID().toString(), patient, type, ods, occurredAt);
    }

    private JsonPath event(String eventId, String patient, String type, String ods, String occurredAt) {
        return asAdmin(app).contentType("application/json")
                .body("{\"eventId\": \"" + eventId + "\", \"nhsNumber\": \"" + patient + "\", \"type\": \"" + type
                        + "\", \"odsCode\": \"" + ods + "\", \"occurredAt\": \"" + occurredAt + "\"}")
                .post("api/v1/registration-events").then().statusCode(200).extract().jsonPath();
    }

    /** The registering practice asks the repository (the patient's managing organisation) for the record. */
    private String request(String patient, String requesting) {
        String location = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + patient + "\", \"requestingOds\": \"" + requesting
                        + "\", \"sendingOds\": \"" + REPOSITORY + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private void integrate(String conversation) {
        asAdmin(app).contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
    }

    private JsonPath holding(String patient) {
        return asAdmin(app).get("api/v1/suspended-records/" + patient).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath waitForHolding(String patient, String status) {
        return waitForHolding(patient, status, Duration.ofSeconds(30));
    }

    private JsonPath waitForHolding(String patient, String status, Duration patience) {
        return await(() -> {
            Response response = asAdmin(app).get("api/v1/suspended-records/" + patient);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, h -> status.equals(h.getString("status")), patience, "the record of the patient to be " + status);
    }

    private JsonPath waitFor(String conversation, String role, Predicate<JsonPath> condition) {
        return waitFor(conversation, role, condition, Duration.ofSeconds(30));
    }

    private JsonPath waitFor(String conversation, String role, Predicate<JsonPath> condition, Duration patience) {
        return await(() -> {
            Response response = asAdmin(app).get("api/v1/transfers/" + conversation + "?role=" + role);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, condition, patience, "the " + role + " transfer " + conversation);
    }

    private static JsonPath await(Supplier<JsonPath> read, Predicate<JsonPath> condition, Duration patience,
            String what) {
        return Eventually.until(what, patience, read::get, now -> now != null && condition.test(now));
    }
}

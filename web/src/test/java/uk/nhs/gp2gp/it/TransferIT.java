package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.asMhs;
import static uk.nhs.gp2gp.it.DeployedWar.registeredAt;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.transfer.AckType;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * Whole GP2GP conversations between two practices hosted on one instance, over the loopback
 * transport: the requester's API, the sender's answers, the final acknowledgement, and the
 * failure paths with their protocol codes.
 */
@ExtendWith(ArquillianExtension.class)
@Tag("database")
class TransferIT {

    private static final String REQUESTER = "Q99201";
    private static final String SENDER = "Q99202";
    /** A practice on another system, reached through the MHS adaptor: what /mhs/inbound hears from. */
    private static final String REMOTE = "Q99203";

    @Deployment(testable = false)
    @TargetsContainer(DeployedWar.CLOCK_CONTAINER)
    static WebArchive deployment() {
        return DeployedWar.withTestClock();
    }

    @ArquillianResource
    private URL app;

    @BeforeEach
    void twoHostedPractices() {
        putPractice(REQUESTER, "Requesting Synthetic Surgery", "900000009201");
        putPractice(SENDER, "Sending Synthetic Surgery", "900000009202");
        putPractice(REMOTE, "Remote Synthetic Surgery", "900000009203", false);
    }

    @Test
    void aSmallRecordTravelsAndIsIntegrated() {
        String nhsNumber = "9990000018";
        storeRecord(SENDER, nhsNumber);
        registeredAt(asAdmin(app), nhsNumber, REQUESTER, SENDER);

        String location = asAdmin(app).contentType("application/json")
                .body(transfer(nhsNumber)).post("api/v1/transfers")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/transfers/"))
                .body("status", equalTo("REQUESTED"))
                .extract().header("Location");
        String conversation = location.substring(location.lastIndexOf('/') + 1);

        JsonPath ready = waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        assertEquals(nhsNumber, ready.getString("nhsNumber"));
        assertEquals(Boolean.FALSE, ready.getBoolean("returningPatient"));
        assertEquals(1, ready.getInt("progress.partsReceived"));
        asAdmin(app).get("api/v1/transfers/" + conversation).then()
                .body("timeline.interactionId", hasItem("RCMR_IN030000UK06"))
                .body("integrationDeadline", notNullValue());

        asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(200)
                .contentType("application/xml")
                .body(containsString("RCMR_IN030000UK06"))
                .body(containsString(nhsNumber));

        asAdmin(app).contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + conversation + "/outcome")
                .then().statusCode(200).body("status", equalTo("INTEGRATED"));

        JsonPath sender = waitFor(conversation, "SENDER", t -> "COMPLETE".equals(t.getString("status")));
        // Every message was delivered three times (see web/pom.xml): each side took it once.
        assertEquals(List.of("RCMR_IN010000UK05", "MCCI_IN010000UK13"),
                sender.getList("timeline.findAll { it.direction == 'IN' }.interactionId"));
        assertEquals(List.of("RCMR_IN030000UK06", "MCCI_IN010000UK13"), asAdmin(app)
                .get("api/v1/transfers/" + conversation + "?role=REQUESTER").jsonPath()
                .getList("timeline.findAll { it.direction == 'IN' }.interactionId"));
        asAdmin(app).contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + conversation + "/outcome")
                .then().statusCode(409);
    }

    @Test
    void twoRequestsAtOnceForOnePatientAndPracticeStartOneTransferAndTheOtherIsAConflict() throws Exception {
        String nhsNumber = "9990002304";
        registeredAt(asAdmin(app), nhsNumber, REQUESTER, SENDER);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService twoPartners = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(twoPartners.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return asAdmin(app).contentType("application/json").body(transfer(nhsNumber))
                            .post("api/v1/transfers");
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            String conversation = null;
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.statusCode() == 202) {
                    conversation = response.jsonPath().getString("conversationId");
                } else {
                    response.then().contentType("application/problem+json")
                            .body("type", containsString("transfer-in-progress"));
                }
            }
            statuses.sort(null);
            assertEquals(List.of(202, 409), statuses);
            assertEquals(1, asAdmin(app).get("api/v1/transfers?nhsNumber=" + nhsNumber).jsonPath()
                    .getList("findAll { it.role == 'REQUESTER' }").size(), "one transfer");
            asAdmin(app).contentType("application/json").body(transfer(nhsNumber)).post("api/v1/transfers")
                    .then().statusCode(409).body("detail", containsString(conversation));
        } finally {
            twoPartners.shutdownNow();
        }
    }

    @Test
    void attachmentsStoredWithTheRecordArriveByteExact() {
        String nhsNumber = "9990000131";
        byte[] scan = new byte[70_000];
        new java.util.Random(42).nextBytes(scan);
        String boundary = "record-boundary-42";
        String body = "--" + boundary + "\r\nContent-Type: application/xml\r\n\r\n" + bareExtract(nhsNumber)
                + "\r\n--" + boundary + "\r\nContent-Id: <scan-1@practice>\r\nContent-Type: image/png\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Description: Filename=\"scan.png\" ContentType=image/png Compressed=No LargeAttachment=No"
                + " OriginalBase64=Yes Length=70000\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(scan)
                + "\r\n--" + boundary + "\r\nContent-Id: <letter-2@practice>\r\nContent-Type: text/plain\r\n\r\n"
                + "Synthetic referral letter."
                + "\r\n--" + boundary + "--\r\n";
        asAdmin(app).contentType("multipart/related; type=\"application/xml\"; boundary=" + boundary)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .put("api/v1/practices/" + SENDER + "/records/" + nhsNumber)
                .then().statusCode(201);

        String conversation = startTransfer(nhsNumber);
        JsonPath ready = waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        assertEquals(3, ready.getInt("progress.partsExpected"));
        assertEquals(3, ready.getInt("progress.partsReceived"));
        assertEquals(List.of("scan-1@practice", "letter-2@practice"), ready.getList("attachments.contentId"));
        assertEquals("scan.png", ready.getString("attachments[0].filename"));

        byte[] arrived = asAdmin(app).get("api/v1/transfers/" + conversation + "/attachments/scan-1@practice")
                .then().statusCode(200).contentType("image/png").extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(scan, arrived);
        asAdmin(app).get("api/v1/transfers/" + conversation + "/attachments/letter-2@practice")
                .then().statusCode(200).contentType(containsString("text/plain"))
                .body(equalTo("Synthetic referral letter."));
        asAdmin(app).get("api/v1/transfers/" + conversation + "/attachments/nothing").then().statusCode(404);
    }

    @Test
    void aRejectedRecordEndsBothSidesWithTheCode() {
        String nhsNumber = "9990000026";
        storeRecord(SENDER, nhsNumber);
        String conversation = startTransfer(nhsNumber);
        waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));

        asAdmin(app).contentType("application/json").body("{\"outcome\": \"REJECTED\", \"reasonCode\": \"28\"}")
                .post("api/v1/transfers/" + conversation + "/outcome")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("failure.code", equalTo("28"));

        JsonPath sender = waitFor(conversation, "SENDER", t -> "NOT_INTEGRATED".equals(t.getString("status")));
        assertEquals("28", sender.getString("failure.code"));
    }

    @Test
    void aSenderWithoutTheRecordRefusesWithCode06() {
        String nhsNumber = "9990000034";
        String conversation = startTransfer(nhsNumber);
        waitFor(conversation, "SENDER", t -> "WAITING_FOR_EXTRACT".equals(t.getString("status")));
        asAdmin(app).get("api/v1/ehr-requests?ods=" + SENDER).then().statusCode(200)
                .body("conversationId", hasItem(conversation));

        asAdmin(app).contentType("application/json").body("{\"reasonCode\": \"06\"}")
                .post("api/v1/ehr-requests/" + conversation + "/refusal")
                .then().statusCode(200).body("status", equalTo("REFUSED"));

        JsonPath failed = waitFor(conversation, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
        assertEquals("06", failed.getString("failure.code"));
        assertEquals("Patient not at surgery", failed.getString("failure.reason"));
    }

    @Test
    void aPartnerSuppliesTheExtractLateButInTime() {
        String nhsNumber = "9990000042";
        String conversation = startTransfer(nhsNumber);
        waitFor(conversation, "SENDER", t -> "WAITING_FOR_EXTRACT".equals(t.getString("status")));

        asAdmin(app).contentType("application/xml").body(bareExtract(nhsNumber))
                .put("api/v1/ehr-requests/" + conversation + "/extract")
                .then().statusCode(200).body("status", equalTo("EXTRACT_SENT"));
        waitFor(conversation, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
    }

    @Test
    void aPartnerThatNeverSuppliesTheExtractIsAnsweredWithCode10() {
        String conversation = startTransfer("9990000107");
        waitFor(conversation, "SENDER", t -> "WAITING_FOR_EXTRACT".equals(t.getString("status")));

        DeployedWar.shiftClock(app, DeployedWar.SUPPLY_TIMEOUT);
        JsonPath failed = waitFor(conversation, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
        assertEquals("10", failed.getString("failure.code"));
        asAdmin(app).get("api/v1/transfers/" + conversation + "?role=SENDER").then()
                .body("status", equalTo("REFUSED"))
                .body("timeline.findAll { it.direction == 'OUT' }.ackType", hasItem("AE"));
        asAdmin(app).contentType("application/xml").body(bareExtract("9990000107"))
                .put("api/v1/ehr-requests/" + conversation + "/extract")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aPatientComingBackToThePracticeTheyLeftIsAReturningPatient() {
        String nhsNumber = "9990000115";
        storeRecord(SENDER, nhsNumber);
        String away = startTransfer(nhsNumber);
        waitFor(away, "REQUESTER", t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        asAdmin(app).contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + away + "/outcome").then().statusCode(200);

        asAdmin(app).contentType("application/xml").body(bareExtract(nhsNumber))
                .put("api/v1/practices/" + REQUESTER + "/records/" + nhsNumber).then().statusCode(201);
        registeredAt(asAdmin(app), nhsNumber, SENDER, REQUESTER);
        asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + SENDER
                        + "\", \"sendingOds\": \"" + REQUESTER + "\"}")
                .post("api/v1/transfers")
                .then().statusCode(202).body("returningPatient", equalTo(true));
    }

    @Test
    void aMessageDeliveredThreeTimesIsProcessedOnce() {
        ConversationCodec codec = new ConversationCodec(Clock.systemUTC());
        String conversation = java.util.UUID.randomUUID().toString().toUpperCase();
        registeredAt(asAdmin(app), "9990000050", REMOTE, SENDER);
        OutboundMessage request = codec.ehrRequest(conversation, "REQ-" + conversation, "9990000050",
                new Party(REMOTE, "900000009203", REMOTE + "-9203"),
                new Party(SENDER, "900000009202", SENDER + "-9202"));
        for (String expected : new String[] {"PROCESSED", "DUPLICATE", "DUPLICATE"}) {
            asMhs(app).contentType("application/json").body(request.envelope()).post("mhs/inbound")
                    .then().statusCode(202).body("outcome", equalTo(expected));
        }
        JsonPath sender = waitFor(conversation, "SENDER", t -> "WAITING_FOR_EXTRACT".equals(t.getString("status")));
        assertEquals(1, sender.getList("timeline.findAll { it.direction == 'IN' }").size());
    }

    /** Only this instance speaks for its practices: a message from outside naming one as its sender is refused. */
    @Test
    void aMessageClaimingAHostedPracticeAsItsSenderIsRefusedAndNothingKept() {
        ConversationCodec codec = new ConversationCodec(Clock.systemUTC());
        String conversation = java.util.UUID.randomUUID().toString().toUpperCase();
        OutboundMessage request = codec.ehrRequest(conversation, "REQ-" + conversation, "9990000050",
                new Party(REQUESTER, "900000009201", REQUESTER + "-9201"),
                new Party(SENDER, "900000009202", SENDER + "-9202"));
        asMhs(app).contentType("application/json").body(request.envelope()).post("mhs/inbound")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("Practice " + REQUESTER + " is hosted here"));
        asAdmin(app).get("api/v1/transfers/" + conversation + "?role=SENDER").then().statusCode(404);
        // Nor may a message from a remote practice be written in a hosted practice's name (the HL7 author).
        String asHosted = new String(codec.ehrRequest(conversation, "REQ-" + conversation, "9990000050",
                new Party(REMOTE, "900000009203", REMOTE + "-9203"), new Party(SENDER, "900000009202", SENDER + "-9202"))
                .envelope(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("extension=\\\"" + REMOTE + "\\\"", "extension=\\\"" + REQUESTER + "\\\"");
        asMhs(app).contentType("application/json").body(asHosted).post("mhs/inbound")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(REQUESTER));
        asAdmin(app).get("api/v1/transfers/" + conversation + "?role=SENDER").then().statusCode(404);
    }

    @Test
    void anAcknowledgementForAnUnknownConversationChangesNothing() {
        ConversationCodec codec = new ConversationCodec(Clock.systemUTC());
        OutboundMessage ack = codec.acknowledgement("UNKNOWN-CONVERSATION",
                new Party(REMOTE, "900000009203", REMOTE + "-9203"), new Party(REQUESTER, "2", REQUESTER + "-2"),
                "NO-SUCH-MESSAGE", AckType.AA, null);
        asMhs(app).contentType("application/json").body(ack.envelope()).post("mhs/inbound")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("no message of a known conversation"));
        asAdmin(app).get("api/v1/transfers/UNKNOWN-CONVERSATION").then().statusCode(404);
        asMhs(app).contentType("application/json").body("{\"ebXML\": \"<x\"}").post("mhs/inbound")
                .then().statusCode(400).contentType("application/problem+json");

        // The same acknowledgement as the Spine sends it, multipart/related: read and answered alike.
        JsonPath envelope = new JsonPath(new java.io.ByteArrayInputStream(ack.envelope()));
        asMhs(app).contentType("multipart/related; boundary=\"--=_MIME-Boundary\"; type=\"text/xml\"")
                .body(multipart(envelope.getString("ebXML"), envelope.getString("payload"))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("mhs/inbound")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("no message of a known conversation"));
        asMhs(app).contentType("multipart/related; boundary=\"--=_MIME-Boundary\"")
                .body("----=_MIME-Boundary\r\nContent-Type: text/xml\r\n\r\n<not-ebxml\r\n----=_MIME-Boundary--\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("mhs/inbound")
                .then().statusCode(400).contentType("application/problem+json");
    }

    private static String multipart(String ebxml, String payload) {
        String boundary = "----=_MIME-Boundary";
        return boundary + "\r\nContent-Id: <ebXMLHeader@spine.nhs.uk>\r\nContent-Type: text/xml\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + ebxml + "\r\n"
                + boundary + "\r\nContent-Id: <payload@spine.nhs.uk>\r\nContent-Type: application/xml\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n" + payload + "\r\n" + boundary + "--\r\n";
    }

    /**
     * A record leaves only for the practice the patient is registered at: asked by a practice the
     * demographics do not register the patient at, or for a patient they do not know, the old practice
     * refuses with 19 and sends nothing, and the requester has no record to read.
     */
    @Test
    void aRecordGoesOnlyToThePracticeThePatientIsRegisteredAt() {
        String elsewhere = "9990040001";
        String unknown = "9990040028";
        storeRecord(SENDER, elsewhere);
        storeRecord(SENDER, unknown);
        registeredAt(asAdmin(app), elsewhere, "Q99999", SENDER);
        for (String patient : List.of(elsewhere, unknown)) {
            String conversation = requestWithoutRegistering(patient);
            JsonPath failed = waitFor(conversation, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
            assertEquals("19", failed.getString("failure.code"));
            JsonPath refused = waitFor(conversation, "SENDER", t -> "REFUSED".equals(t.getString("status")));
            assertEquals("19", refused.getString("failure.code"));
            assertEquals(List.of("MCCI_IN010000UK13"), refused.getList(
                    "timeline.findAll { it.direction == 'OUT' }.interactionId"), "a negative acknowledgement, no extract");
            asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    /**
     * The partner system supplies the extract after the patient moved on: checked again as it would
     * leave, it is refused with 19 and never sent.
     */
    @Test
    void aSuppliedExtractIsCheckedAgainBeforeItLeaves() {
        String patient = "9990040036";
        String conversation = startTransfer(patient);
        waitFor(conversation, "SENDER", t -> "WAITING_FOR_EXTRACT".equals(t.getString("status")));
        registeredAt(asAdmin(app), patient, "Q99999", SENDER);
        asAdmin(app).contentType("application/xml").body(bareExtract(patient))
                .put("api/v1/ehr-requests/" + conversation + "/extract")
                .then().statusCode(200).body("status", equalTo("REFUSED")).body("failure.code", equalTo("19"));
        JsonPath failed = waitFor(conversation, "REQUESTER", t -> "FAILED".equals(t.getString("status")));
        assertEquals("19", failed.getString("failure.code"));
        asAdmin(app).get("api/v1/transfers/" + conversation + "?role=SENDER").then()
                .body("timeline.findAll { it.interactionId == 'RCMR_IN030000UK06' }", org.hamcrest.Matchers.empty());
    }

    @Test
    void badTransferRequestsAreRefusedNamingTheField() {
        asAdmin(app).contentType("application/json").body(transfer("9990000019")).post("api/v1/transfers")
                .then().statusCode(400).body("errors[0].field", equalTo("nhsNumber"));
        asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"9990000018\", \"requestingOds\": \"" + REQUESTER + "\", \"sendingOds\": \"Z99999\"}")
                .post("api/v1/transfers")
                .then().statusCode(400).body("errors[0].field", equalTo("sendingOds"));
        asAdmin(app).contentType("application/json").body("{}").post("api/v1/transfers")
                .then().statusCode(400).body("errors.field", hasItem("requestingOds"));
    }

    /**
     * Each business refusal answers with its own status and problem type: the session beans pass
     * them on as application exceptions (never a 500 from a wrapped one), nothing kept.
     */
    @Test
    void businessRefusalsAreProblemsOfTheirOwnType() {
        String nhsNumber = "9990710015";
        problem(asAdmin(app).get("api/v1/transfers/7f0c9f4e-0000-4000-8000-000000000000"), 404, "not-found");

        // The sender has no stored record: the transfer waits, and a second one is refused.
        String conversation = startTransfer(nhsNumber);
        problem(asAdmin(app).contentType("application/json").body(transfer(nhsNumber)).post("api/v1/transfers"),
                409, "transfer-in-progress");
        problem(asAdmin(app).contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + conversation + "/outcome"), 409, "wrong-state");
        problem(asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + REQUESTER
                        + "\", \"sendingOds\": \"Z99999\"}").post("api/v1/transfers"), 400, "invalid-request");
        // A record about another patient than the address says.
        problem(asAdmin(app).contentType("application/xml").body(bareExtract("9990000018"))
                .put("api/v1/practices/" + SENDER + "/records/" + nhsNumber), 400, "invalid-request");
        problem(asAdmin(app).get("api/v1/paper-fallbacks/987654321"), 404, "not-found");
        problem(asAdmin(app).contentType("application/json").body("{\"conversationId\": \"" + conversation + "\"}")
                .post("api/v1/paper-fallbacks"), 409, "paper-fallback-refused");
        asAdmin(app).get("api/v1/transfers/" + conversation + "?role=REQUESTER").then().statusCode(200)
                .body("status", equalTo("REQUESTED"));
    }

    private static void problem(io.restassured.response.Response response, int status, String type) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("urn:gp2gp:problem:" + type));
    }

    private String startTransfer(String nhsNumber) {
        registeredAt(asAdmin(app), nhsNumber, REQUESTER, SENDER);
        return requestWithoutRegistering(nhsNumber);
    }

    private String requestWithoutRegistering(String nhsNumber) {
        String location = asAdmin(app).contentType("application/json").body(transfer(nhsNumber))
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private JsonPath waitFor(String conversation, String role, Predicate<JsonPath> condition) {
        return Eventually.until("the " + role + " transfer " + conversation, Duration.ofSeconds(30), () -> {
            var response = asAdmin(app).get("api/v1/transfers/" + conversation + "?role=" + role);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, transfer -> transfer != null && condition.test(transfer));
    }

    private void putPractice(String ods, String name, String asid) {
        putPractice(ods, name, asid, true);
    }

    private void putPractice(String ods, String name, String asid, boolean hosted) {
        asAdmin(app).contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"asid\": \"" + asid + "\", \"partyKey\": \"" + ods + "-"
                        + asid.substring(8) + "\", \"hosted\": " + hosted + "}")
                .put("api/v1/practices/" + ods).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private void storeRecord(String ods, String nhsNumber) {
        asAdmin(app).contentType("application/xml").body(bareExtract(nhsNumber))
                .put("api/v1/practices/" + ods + "/records/" + nhsNumber)
                .then().statusCode(org.hamcrest.Matchers.oneOf(201, 204));
    }

    private static String transfer(String nhsNumber) {
        return "{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + REQUESTER + "\", \"sendingOds\": \""
                + SENDER + "\"}";
    }

    static String bareExtract(String nhsNumber) {
        return """
                <EhrExtract xmlns="urn:hl7-org:v3" classCode="EXTRACT" moodCode="EVN">
                  <id root="0A1B2C3D-0000-4000-8000-000000000001"/>
                  <statusCode code="COMPLETE"/>
                  <availabilityTime value="20260101090000"/>
                  <recordTarget typeCode="RCT">
                    <patient classCode="PAT"><id root="2.16.840.1.113883.2.1.4.1" extension="%s"/></patient>
                  </recordTarget>
                  <author typeCode="AUT"><time value="20260101090000"/><AgentOrgSDS classCode="AGNT">
                    <agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                      <id root="1.2.826.0.1285.0.1.10" extension="Q99202"/></agentOrganizationSDS></AgentOrgSDS></author>
                  <destination typeCode="DST"><AgentOrgSDS classCode="AGNT">
                    <agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                      <id root="1.2.826.0.1285.0.1.10" extension="OLDDEST"/></agentOrganizationSDS></AgentOrgSDS></destination>
                  <component typeCode="COMP"><ehrFolder classCode="FOLDER" moodCode="EVN">
                    <id root="0A1B2C3D-0000-4000-8000-000000000002"/></ehrFolder></component>
                  <limitation typeCode="LIMIT" inversionInd="true"/>
                </EhrExtract>""".formatted(nhsNumber);
    }
}

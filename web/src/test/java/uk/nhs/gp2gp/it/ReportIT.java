package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.registeredAt;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outcome report, the 8-day window list and paper fallback tasks over real GP2GP conversations
 * between hosted practices, with the application's clock frozen and moved forward by the test
 * (the test-only {@link ItClock}, added to this deployment only): transfers end up in every
 * outcome, and the JSON and CSV report must count each one exactly, for the right keys only.
 *
 * <p>One timeline, in order: the methods share the transfers and the clock only moves forward.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("database")
class ReportIT {

    private static final String A = "Q99301";   // requesting practice, hosted
    private static final String B = "Q99302";   // sending practice, hosted
    private static final String C = "Q99303";   // another requesting practice, hosted
    private static final String D = "Q99304";   // a practice elsewhere that never answers
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The transfers' month: two months ahead, so that the clock only ever moves forward. */
    private static final YearMonth MONTH = YearMonth.now(ZoneOffset.UTC).plusMonths(2);
    private static final Instant T0 = MONTH.atDay(4).atTime(9, 0).toInstant(ZoneOffset.UTC);

    /** Synthetic patients (999 range, valid modulus 11), one per transfer. */
    private static final Map<String, String> PATIENT = Map.ofEntries(
            Map.entry("a1", "9990030006"), Map.entry("a2", "9990030014"), Map.entry("a3", "9990030022"),
            Map.entry("a4", "9990030030"), Map.entry("a5", "9990030049"), Map.entry("a6", "9990030057"),
            Map.entry("a7", "9990030065"), Map.entry("a8", "9990030073"), Map.entry("a9", "9990030081"),
            Map.entry("c1", "9990030103"), Map.entry("c2", "9990030111"), Map.entry("a10", "9990030138"));

    /** Conversation ids by the names above. */
    private static final Map<String, String> conversations = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private static HttpServer silentPeer;
    /** The server whose clock this class froze. */
    private static URL server;
    private static final AtomicInteger silentPeerCalls = new AtomicInteger();

    @Deployment(testable = false)
    @TargetsContainer(DeployedWar.CLOCK_CONTAINER)
    static WebArchive deployment() {
        return DeployedWar.withTestClock();
    }

    @ArquillianResource
    private URL app;

    /** Practice D's "instance": takes every message and never answers, so no record ever comes. */
    @BeforeAll
    static void silentPeer() throws IOException {
        silentPeer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        silentPeer.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            silentPeerCalls.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        silentPeer.start();
    }

    @AfterAll
    static void stopSilentPeer() {
        silentPeer.stop(0);
    }

    /** The classes after this one on the same server need time to pass: the clock runs on from where it stands. */
    @AfterAll
    static void letTheClockRun() {
        if (server != null) {
            asAdmin(server).contentType("application/json").body("{\"run\": true}")
                    .put("api/v1/it-support/clock").then().statusCode(200);
        }
    }

    @Test
    @Order(1)
    void transfersGoTheirWaysOverTheFirstFiveDays() {
        putPractice(A, "Report Requesting Surgery", "900000009301", true, null);
        putPractice(B, "Report Sending Surgery", "900000009302", true, null);
        putPractice(C, "Report Other Surgery", "900000009303", true, null);
        putPractice(D, "Report Silent Surgery", "900000009304", false,
                "http://127.0.0.1:" + silentPeer.getAddress().getPort());
        keys.put(A, apiKey("report-it-" + A, A));
        keys.put(B, apiKey("report-it-" + B, B));
        keys.put(C, apiKey("report-it-" + C, C));
        for (String name : List.of("a1", "a2", "a3", "a4", "a5", "a6", "c1", "c2")) {
            storeRecord(B, PATIENT.get(name));
        }
        clock(T0);

        for (String name : List.of("a1", "a2", "a3", "a4", "a5", "a6", "a7")) {
            conversations.put(name, startTransfer(PATIENT.get(name), A, B));
        }
        conversations.put("a8", startTransfer(PATIENT.get("a8"), A, D));
        conversations.put("c1", startTransfer(PATIENT.get("c1"), C, B));
        conversations.put("c2", startTransfer(PATIENT.get("c2"), C, B));
        for (String name : List.of("a1", "a2", "a3", "a4", "a5", "a6", "c1", "c2")) {
            JsonPath ready = waitFor(name, "REQUESTER", "READY_TO_INTEGRATE");
            assertEquals(T0.toString(), ready.getString("extractReceivedAt"), "the clock stands still");
        }
        // a7: B has no record of the patient; its system refuses with 06.
        waitFor("a7", "SENDER", "WAITING_FOR_EXTRACT");
        asAdmin(app).contentType("application/json").body("{\"reasonCode\": \"06\"}")
                .post("api/v1/ehr-requests/" + conversations.get("a7") + "/refusal").then().statusCode(200);
        waitFor("a7", "REQUESTER", "FAILED");
        waitFor("a8", "REQUESTER", "REQUESTED");
        Eventually.until("the request went to D's instance", Duration.ofSeconds(30), () -> silentPeerCalls.get() > 0);

        clock(T0.plus(Duration.ofDays(1)));
        waitFor("a8", "REQUESTER", "TIMED_OUT");   // no record within 4 h 10 min
        outcome("a4", "{\"outcome\": \"SUPPRESSED\"}");
        outcome("c1", "{\"outcome\": \"INTEGRATED\"}");
        outcome("c2", "{\"outcome\": \"REJECTED\", \"reasonCode\": \"11\"}");
        waitFor("a4", "SENDER", "COMPLETE");
        waitFor("c1", "SENDER", "COMPLETE");
        waitFor("c2", "SENDER", "NOT_INTEGRATED");

        clock(T0.plus(Duration.ofDays(2)));
        outcome("a5", "{\"outcome\": \"REJECTED\", \"reasonCode\": \"28\"}");
        waitFor("a5", "SENDER", "NOT_INTEGRATED");

        clock(T0.plus(Duration.ofDays(3)));
        outcome("a1", "{\"outcome\": \"INTEGRATED\"}");
        waitFor("a1", "SENDER", "COMPLETE");

        clock(T0.plus(Duration.ofDays(5)));
        storeRecord(B, PATIENT.get("a9"));
        conversations.put("a9", startTransfer(PATIENT.get("a9"), A, B));
        waitFor("a9", "REQUESTER", "READY_TO_INTEGRATE");
    }

    @Test
    @Order(2)
    void recordsAppearInTheApproachingWindowListOnDaySix() {
        clock(T0.plus(Duration.ofDays(6)).minusSeconds(1));
        assertEquals(List.of(), approaching(asAdmin(app), "?ods=" + A).getList("conversationId"),
                "5 days 23:59:59 after: not yet");

        clock(T0.plus(Duration.ofDays(6)));
        JsonPath listed = approaching(asAdmin(app), "?ods=" + A + "&role=REQUESTER");
        assertEquals(List.of(conversations.get("a2"), conversations.get("a3"), conversations.get("a6")),
                listed.getList("conversationId"));
        assertEquals(List.of(6, 6, 6), listed.getList("daysSinceArrival"));
        assertEquals(List.of(48, 48, 48), listed.getList("hoursLeft"));
        assertEquals(T0.plus(Duration.ofDays(8)).toString(), listed.getString("[0].deadline"));
        assertFalse(listed.prettify().contains("nhsNumber"), "no patient data in the list");

        assertEquals(3, approaching(as(A), "").getList("conversationId").size(), "A's key: A's records");
        assertEquals(List.of("SENDER", "SENDER", "SENDER"), approaching(as(B), "").getList("role"),
                "B's key: the same records, waiting for their final acknowledgement");
        assertEquals(List.of(), approaching(as(C), "").getList("conversationId"), "C's key: none of them");
        assertEquals(6, approaching(asAdmin(app), "").getList("conversationId").size(), "both sides");
        as(C).get("api/v1/reports/approaching-window?ods=" + A).then().statusCode(403).contentType(PROBLEM_JSON);
    }

    @Test
    @Order(3)
    void theWindowIncludesItsLastInstant() {
        clock(T0.plus(Duration.ofDays(8)));
        JsonPath atEightDays = report(as(A), "");
        assertEquals(4, count(atEightDays, "all", "IN_PROGRESS"), "a2, a3, a6 at their last instant, and a9");
        assertEquals(1, count(atEightDays, "all", "PROCESS_FAILURE"));
        outcome("a2", "{\"outcome\": \"INTEGRATED\"}");   // exactly 8 days after the record arrived
        waitFor("a2", "SENDER", "COMPLETE");

        clock(T0.plus(Duration.ofDays(9)));
        // B gave up waiting for a3's and a6's final acknowledgement after the 8 days.
        assertEquals("99", waitFor("a3", "SENDER", "NOT_INTEGRATED").getString("failure.code"));
        waitFor("a6", "SENDER", "NOT_INTEGRATED");
        outcome("a3", "{\"outcome\": \"INTEGRATED\"}");   // a day late
        waitFor("a3", "REQUESTER", "INTEGRATED");
    }

    @Test
    @Order(4)
    void theJsonReportCountsEveryTransferExactly() {
        JsonPath report = report(asAdmin(app), "");
        assertEquals(MONTH.toString(), report.getString("month"));
        assertEquals("REQUESTER", report.getString("role"));
        assertEquals(T0.plus(Duration.ofDays(9)).toString(), report.getString("asOf"));
        assertEquals(8, report.getInt("integrationWindowDays"));
        assertCounts(report, "all", 11, 4, 1, 2, 3, 1, 0);
        assertEquals(36.4, percent(report, "all", "INTEGRATED_ON_TIME"), 0.001);
        assertEquals(27.3, percent(report, "all", "PROCESS_FAILURE"), 0.001);
        assertEquals(0.0, percent(report, "all", "UNCLASSIFIED"), 0.001);
        assertEquals(Map.of("INTEGRATED_ON_TIME INTEGRATED", 3, "INTEGRATED_ON_TIME 15", 1,
                "INTEGRATED_LATE INTEGRATED_LATE", 1, "TECHNICAL_FAILURE 06", 1, "TECHNICAL_FAILURE NO_EXTRACT", 1,
                "PROCESS_FAILURE 11", 1, "PROCESS_FAILURE 28", 1, "PROCESS_FAILURE NOT_INTEGRATED_IN_WINDOW", 1,
                "IN_PROGRESS AWAITING_INTEGRATION", 1), reasons(report, "reasons"));
        assertEquals("Patient not at surgery", report.getString("explanations.find { it.code == '06' }.name"));
        assertTrue(report.getString("explanations.find { it.code == 'NO_EXTRACT' }.nextStep").length() > 20);
        assertEquals(List.of(A, C), report.getList("requestingPractices.ods"));
        assertEquals("Report Requesting Surgery", report.getString("requestingPractices[0].name"));
        assertCounts(report, "requestingPractices[0].counts", 9, 3, 1, 2, 2, 1, 0);
        assertEquals(33.3, percent(report, "requestingPractices[0].counts", "INTEGRATED_ON_TIME"), 0.001);
        assertCounts(report, "requestingPractices[1].counts", 2, 1, 0, 0, 1, 0, 0);
        assertEquals(Map.of("INTEGRATED_ON_TIME INTEGRATED", 1, "PROCESS_FAILURE 11", 1),
                reasons(report, "requestingPractices[1].reasons"));
        assertEquals(List.of(B, D), report.getList("sendingPractices.ods"));
        assertCounts(report, "sendingPractices[0].counts", 10, 4, 1, 1, 3, 1, 0);
        assertCounts(report, "sendingPractices[1].counts", 1, 0, 0, 1, 0, 0, 0);
        assertNull(report.get("pairs"), "the report of every practice lists no pairs");

        JsonPath ofB = report(asAdmin(app), "&ods=" + B);
        assertCounts(ofB, "all", 10, 4, 1, 1, 3, 1, 0);
        assertEquals(List.of(A, C), ofB.getList("pairs.requestingOds"));
        assertCounts(ofB, "pairs[0].counts", 8, 3, 1, 1, 2, 1, 0);
        assertCounts(ofB, "pairs[1].counts", 2, 1, 0, 0, 1, 0, 0);

        // B's side of the same conversations: what it sent, and what became of it.
        JsonPath sent = report(asAdmin(app), "&role=SENDER");
        assertEquals("SENDER", sent.getString("role"));
        assertCounts(sent, "all", 10, 4, 0, 1, 4, 1, 0);
        assertEquals(Map.of("INTEGRATED_ON_TIME INTEGRATED", 4, "TECHNICAL_FAILURE 06", 1, "PROCESS_FAILURE 11", 1,
                "PROCESS_FAILURE 28", 1, "PROCESS_FAILURE NOT_INTEGRATED_IN_WINDOW", 2,
                "IN_PROGRESS AWAITING_INTEGRATION", 1), reasons(sent, "reasons"));
    }

    @Test
    @Order(5)
    void theCsvReportHasTheSameNumbers() {
        String month = MONTH.toString();
        String csv = asAdmin(app).accept("text/csv").get("api/v1/reports/transfers?month=" + month)
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("gp2gp-transfers-" + month + "-requester.csv"))
                .extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        String all = month + ",REQUESTER,all,,,";
        assertEquals(List.of("month,role,breakdown,requesting_ods,sending_ods,outcome,reason_code,reason,count,percent",
                all + "ALL,,,11,",
                all + "INTEGRATED_ON_TIME,,,4,36.4",
                all + "INTEGRATED_LATE,,,1,9.1",
                all + "TECHNICAL_FAILURE,,,2,18.2",
                all + "PROCESS_FAILURE,,,3,27.3",
                all + "IN_PROGRESS,,,1,9.1",
                all + "UNCLASSIFIED,,,0,0.0",
                all + "INTEGRATED_ON_TIME,INTEGRATED,Integrated,3,27.3",
                all + "INTEGRATED_ON_TIME,15,A-B-A suppressed,1,9.1",
                all + "INTEGRATED_LATE,INTEGRATED_LATE,Integrated late,1,9.1",
                all + "TECHNICAL_FAILURE,06,Patient not at surgery,1,9.1",
                all + "TECHNICAL_FAILURE,NO_EXTRACT,No record arrived,1,9.1",
                all + "PROCESS_FAILURE,11,Failed to integrate,1,9.1",
                all + "PROCESS_FAILURE,28,Wrong patient,1,9.1",
                all + "PROCESS_FAILURE,NOT_INTEGRATED_IN_WINDOW,Not integrated within 8 days,1,9.1",
                all + "IN_PROGRESS,AWAITING_INTEGRATION,Waiting to be integrated,1,9.1"), lines.subList(0, 17));
        String ofA = month + ",REQUESTER,requesting," + A + ",,";
        assertTrue(lines.containsAll(List.of(ofA + "ALL,,,9,", ofA + "INTEGRATED_ON_TIME,,,3,33.3",
                ofA + "INTEGRATED_LATE,,,1,11.1", ofA + "TECHNICAL_FAILURE,,,2,22.2", ofA + "PROCESS_FAILURE,,,2,22.2",
                ofA + "IN_PROGRESS,,,1,11.1", ofA + "UNCLASSIFIED,,,0,0.0",
                month + ",REQUESTER,sending,," + D + ",TECHNICAL_FAILURE,NO_EXTRACT,No record arrived,1,100.0")),
                csv);
        assertFalse(csv.contains(",pair,"), "no pairs in the report of every practice");

        String byFormat = asAdmin(app).get("api/v1/reports/transfers?month=" + month + "&format=csv&ods=" + B)
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        assertTrue(byFormat.contains(month + ",REQUESTER,pair," + A + "," + B + ",ALL,,,8,\r\n"), byFormat);
        assertTrue(byFormat.contains(month + ",REQUESTER,pair," + C + "," + B + ",PROCESS_FAILURE,,,1,50.0\r\n"));
        asAdmin(app).accept("application/json").get("api/v1/reports/transfers?month=" + month)
                .then().statusCode(200).contentType("application/json");
    }

    @Test
    @Order(6)
    void aKeySeesOnlyItsOwnPracticesNumbers() {
        JsonPath ofA = report(as(A), "");
        assertCounts(ofA, "all", 9, 3, 1, 2, 2, 1, 0);
        assertEquals(List.of(A), ofA.getList("requestingPractices.ods"));
        assertEquals(List.of(B, D), ofA.getList("pairs.sendingOds"), "its own pairs");
        assertFalse(ofA.prettify().contains(C), "nothing of C");

        assertCounts(report(as(C), ""), "all", 2, 1, 0, 0, 1, 0, 0);
        assertCounts(report(as(B), ""), "all", 0, 0, 0, 0, 0, 0, 0);
        assertCounts(report(as(B), "&role=SENDER"), "all", 10, 4, 0, 1, 4, 1, 0);
        as(A).get("api/v1/reports/transfers?month=" + MONTH + "&ods=" + C).then().statusCode(403)
                .contentType(PROBLEM_JSON).body("detail", containsString(C));
        String csvOfC = as(C).get("api/v1/reports/transfers?month=" + MONTH + "&format=csv").asString();
        assertFalse(csvOfC.contains(A + ","), "C's CSV names no transfer of A's");
        anonymous(app).get("api/v1/reports/transfers?month=" + MONTH).then().statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    @Order(7)
    void badParametersAre400NamingTheField() {
        for (String[] bad : new String[][] {
                {"reports/transfers?month=2027-13", "month"}, {"reports/transfers?month=202701", "month"},
                {"reports/transfers?month=January", "month"}, {"reports/transfers?ods=Q9-9", "ods"},
                {"reports/transfers?role=BOTH", "role"}, {"reports/transfers?format=xml", "format"},
                {"reports/transfers/trend?months=0", "months"}, {"reports/transfers/items?outcome=NOPE", "outcome"},
                {"reports/transfers/items?requestingOds=x-y", "requestingOds"},
                {"reports/approaching-window?ods=%25", "ods"}, {"reports/approaching-window?role=X", "role"},
                {"paper-fallbacks?status=LOST", "status"}, {"paper-fallbacks?ods=-", "ods"}}) {
            asAdmin(app).get("api/v1/" + bad[0]).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors[0].field", equalTo(bad[1]))
                    .body(not(containsString("Exception")));
        }
        asAdmin(app).accept("text/csv").get("api/v1/reports/transfers?month=2027-00")
                .then().statusCode(400).contentType(PROBLEM_JSON).body("errors[0].field", equalTo("month"));
    }

    @Test
    @Order(8)
    void theTransfersBehindANumberAndEachTransfersPageGiveTheReason() {
        String items = "api/v1/reports/transfers/items?month=" + MONTH;
        assertEquals(List.of(conversations.get("a7"), conversations.get("a8")), asAdmin(app)
                .get(items + "&outcome=TECHNICAL_FAILURE").then().statusCode(200).extract().jsonPath()
                .getList("conversationId"));
        JsonPath refused = asAdmin(app).get(items + "&outcome=technical_failure&reason=06").jsonPath();
        assertEquals(List.of(conversations.get("a7")), refused.getList("conversationId"));
        assertEquals("Patient not at surgery", refused.getString("[0].reason.name"));
        assertFalse(refused.prettify().contains(PATIENT.get("a7")), "no NHS number behind the numbers");
        assertEquals(List.of(conversations.get("a8")), asAdmin(app).get(items + "&reason=NO_EXTRACT").jsonPath()
                .getList("conversationId"));
        assertEquals(List.of(conversations.get("c2")), as(C).get(items + "&outcome=PROCESS_FAILURE").jsonPath()
                .getList("conversationId"), "C's key: C's transfers only");
        assertEquals(2, asAdmin(app).get(items + "&requestingOds=" + C).jsonPath().getList("conversationId").size());

        JsonPath a7 = transfer("a7", "REQUESTER");
        assertEquals("TECHNICAL_FAILURE", a7.getString("outcome.outcome"));
        assertEquals("06", a7.getString("outcome.reason.code"));
        assertTrue(a7.getString("failure.meaning").contains("does not hold this patient"));
        assertTrue(a7.getString("failure.nextStep").contains("PDS"));
        JsonPath a8 = transfer("a8", "REQUESTER");
        assertEquals("NO_EXTRACT", a8.getString("outcome.reason.code"));
        assertTrue(a8.getString("failure.meaning").contains("never sent the record"), a8.prettify());
        assertEquals("PROCESS_FAILURE", transfer("a6", "REQUESTER").getString("outcome.outcome"));
        assertEquals("INTEGRATED_LATE", transfer("a3", "REQUESTER").getString("outcome.outcome"));

        JsonPath reasons = as(C).get("api/v1/reports/reasons").then().statusCode(200).extract().jsonPath();
        assertTrue(reasons.getList("code").containsAll(List.of("03", "06", "08", "15", "25", "31", "99",
                "NO_EXTRACT", "NOT_INTEGRATED_IN_WINDOW")));
        for (Map<String, String> reason : reasons.<Map<String, String>>getList("")) {
            assertFalse(reason.get("meaning").isBlank() || reason.get("nextStep").isBlank(), reason.toString());
        }
    }

    @Test
    @Order(9)
    void aFailedTransfersRecordGoesOnPaperAndIsMarkedDone() {
        String a7 = conversations.get("a7");
        Response asked = as(A).contentType("application/json")
                .body("{\"conversationId\": \"" + a7.toLowerCase() + "\", \"note\": \"=print, please\"}")
                .post("api/v1/paper-fallbacks");
        asked.then().statusCode(201).header("Location", containsString("/api/v1/paper-fallbacks/"))
                .body("conversationId", equalTo(a7)).body("nhsNumber", equalTo(PATIENT.get("a7")))
                .body("requestingOds", equalTo(A)).body("sendingOds", equalTo(B))
                .body("outcome", equalTo("TECHNICAL_FAILURE")).body("reason.code", equalTo("06"))
                .body("status", equalTo("REQUESTED")).body("requestedBy", equalTo("report-it-" + A));
        long id = asked.jsonPath().getLong("id");
        as(A).contentType("application/json").body("{\"conversationId\": \"" + a7 + "\"}")
                .post("api/v1/paper-fallbacks").then().statusCode(200).body("id", equalTo((int) id));
        as(A).contentType("application/json").body("{\"conversationId\": \"" + conversations.get("a1") + "\"}")
                .post("api/v1/paper-fallbacks").then().statusCode(409).contentType(PROBLEM_JSON)
                .body("detail", containsString("integrated on time"));
        as(C).contentType("application/json").body("{\"conversationId\": \"" + a7 + "\"}")
                .post("api/v1/paper-fallbacks").then().statusCode(403).contentType(PROBLEM_JSON);
        as(A).contentType("application/json").body("{\"conversationId\": \"NO-SUCH-CONVERSATION\"}")
                .post("api/v1/paper-fallbacks").then().statusCode(404).contentType(PROBLEM_JSON);
        as(A).contentType("application/json").body("{}").post("api/v1/paper-fallbacks")
                .then().statusCode(400).body("errors[0].field", equalTo("conversationId"));
        long a6 = as(A).contentType("application/json")
                .body("{\"conversationId\": \"" + conversations.get("a6") + "\"}").post("api/v1/paper-fallbacks")
                .then().statusCode(201).body("reason.code", equalTo("NOT_INTEGRATED_IN_WINDOW"))
                .extract().jsonPath().getLong("id");

        assertEquals(List.of(a7, conversations.get("a6")), as(A).get("api/v1/paper-fallbacks?status=REQUESTED")
                .then().statusCode(200).extract().jsonPath().getList("conversationId"));
        assertEquals(2, as(B).get("api/v1/paper-fallbacks").jsonPath().getList("id").size(), "the sending practice's too");
        assertEquals(List.of(), as(C).get("api/v1/paper-fallbacks").jsonPath().getList("id"));
        String csv = asAdmin(app).get("api/v1/paper-fallbacks?status=REQUESTED&format=csv").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        assertEquals("id,conversation_id,nhs_number,requesting_ods,sending_ods,outcome,reason_code,reason,status,"
                + "requested_by,requested_at,request_note,done_by,done_at,done_note", lines.get(0));
        assertEquals(id + "," + a7 + "," + PATIENT.get("a7") + "," + A + "," + B
                + ",TECHNICAL_FAILURE,06,Patient not at surgery,REQUESTED,report-it-" + A + ","
                + T0.plus(Duration.ofDays(9)) + ",\"'=print, please\",,,", lines.get(1),
                "quoted, and a note cannot be a spreadsheet formula");
        assertEquals(3, lines.size());

        as(A).contentType("application/json").body("{\"note\": \"Lloyd George envelope sent\"}")
                .post("api/v1/paper-fallbacks/" + id + "/done").then().statusCode(200)
                .body("status", equalTo("DONE")).body("doneBy", equalTo("report-it-" + A))
                .body("doneNote", equalTo("Lloyd George envelope sent"));
        as(A).contentType("application/json").body("{}").post("api/v1/paper-fallbacks/" + id + "/done")
                .then().statusCode(409).contentType(PROBLEM_JSON).body("detail", containsString("already"));
        as(C).contentType("application/json").body("{}").post("api/v1/paper-fallbacks/" + a6 + "/done")
                .then().statusCode(403);
        asAdmin(app).contentType("application/json").body("{}").post("api/v1/paper-fallbacks/999999/done")
                .then().statusCode(404).contentType(PROBLEM_JSON);
        assertEquals(List.of(a7), as(A).get("api/v1/paper-fallbacks?status=DONE").jsonPath()
                .getList("conversationId"));
        assertEquals(List.of(conversations.get("a6")), as(A).get("api/v1/paper-fallbacks?status=requested")
                .jsonPath().getList("conversationId"));
        as(A).get("api/v1/paper-fallbacks/" + id).then().statusCode(200).body("status", equalTo("DONE"));

        // Every answer naming the patient was audited: the repeated request, 3 lists (2 + 1 + 1 tasks), one get.
        assertEquals(6, auditCount("READ_PAPER_FALLBACK", "report-it-" + A));
        assertEquals(2, auditCount("REQUEST_PAPER_FALLBACK", "report-it-" + A));
        assertEquals(1, auditCount("COMPLETE_PAPER_FALLBACK", "report-it-" + A));
    }

    @Test
    @Order(10)
    void aNewMonthCountsOnItsOwnAndTheTrendShowsBoth() {
        clock(T0.plus(Duration.ofDays(30)));
        YearMonth next = MONTH.plusMonths(1);
        storeRecord(B, PATIENT.get("a10"));
        conversations.put("a10", startTransfer(PATIENT.get("a10"), A, B));
        waitFor("a10", "REQUESTER", "READY_TO_INTEGRATE");

        JsonPath thisMonth = as(A).get("api/v1/reports/transfers").then().statusCode(200).extract().jsonPath();
        assertEquals(next.toString(), thisMonth.getString("month"), "no month: the current one");
        assertCounts(thisMonth, "all", 1, 0, 0, 0, 0, 1, 0);
        // Now a9 too has had its 8 days without being integrated.
        assertCounts(report(as(A), ""), "all", 9, 3, 1, 2, 3, 0, 0);
        JsonPath trend = as(A).get("api/v1/reports/transfers/trend?months=3").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(MONTH.minusMonths(1).toString(), MONTH.toString(), next.toString()),
                trend.getList("month"));
        assertEquals(List.of(0, 9, 1), trend.getList("counts.total"));
    }

    private RequestSpecification as(String practice) {
        return anonymous(app).header("Authorization", "Bearer " + keys.get(practice));
    }

    private JsonPath report(RequestSpecification caller, String query) {
        return caller.get("api/v1/reports/transfers?month=" + MONTH + query).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    private JsonPath approaching(RequestSpecification caller, String query) {
        return caller.get("api/v1/reports/approaching-window" + query).then().statusCode(200).extract().jsonPath();
    }

    private static void assertCounts(JsonPath report, String path, long total, long onTime, long late,
            long technical, long process, long inProgress, long unclassified) {
        assertEquals(total, report.getLong(path + ".total"), path + " total");
        assertEquals(List.of(onTime, late, technical, process, inProgress, unclassified),
                List.of(count(report, path, "INTEGRATED_ON_TIME"), count(report, path, "INTEGRATED_LATE"),
                        count(report, path, "TECHNICAL_FAILURE"), count(report, path, "PROCESS_FAILURE"),
                        count(report, path, "IN_PROGRESS"), count(report, path, "UNCLASSIFIED")),
                path + ": on time, late, technical, process, in progress, unclassified");
    }

    private static long count(JsonPath report, String path, String outcome) {
        return report.getLong(path + ".outcomes.find { it.outcome == '" + outcome + "' }.count");
    }

    private static double percent(JsonPath report, String path, String outcome) {
        return report.getDouble(path + ".outcomes.find { it.outcome == '" + outcome + "' }.percent");
    }

    /** "OUTCOME CODE" -> count. */
    private static Map<String, Integer> reasons(JsonPath report, String path) {
        List<Map<String, Object>> reasons = report.getList(path);
        Map<String, Integer> counts = new java.util.HashMap<>();
        reasons.forEach(r -> counts.put(r.get("outcome") + " " + r.get("code"), ((Number) r.get("count")).intValue()));
        return counts;
    }

    private void clock(Instant instant) {
        server = app;
        asAdmin(app).contentType("application/json").body("{\"instant\": \"" + instant + "\"}")
                .put("api/v1/it-support/clock").then().statusCode(200).body("now", equalTo(instant.toString()));
    }

    private String apiKey(String name, String practice) {
        return asAdmin(app).contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"roles\": [\"PRACTICE\"], \"odsCodes\": [\"" + practice + "\"]}")
                .post("api/v1/it-support/api-clients").then().statusCode(200).extract().path("key");
    }

    private long auditCount(String action, String actor) {
        return asAdmin(app).get("api/v1/it-support/audit-count?action=" + action + "&actor=" + actor)
                .then().statusCode(200).extract().jsonPath().getLong("count");
    }

    private void putPractice(String ods, String name, String asid, boolean hosted, String endpoint) {
        asAdmin(app).contentType("application/json")
                .body("{\"name\": \"" + name + "\", \"asid\": \"" + asid + "\", \"partyKey\": \"" + ods + "-"
                        + asid.substring(8) + "\", \"hosted\": " + hosted
                        + (endpoint == null ? "" : ", \"endpointUrl\": \"" + endpoint + "\"") + "}")
                .put("api/v1/practices/" + ods).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private void storeRecord(String ods, String nhsNumber) {
        asAdmin(app).contentType("application/xml").body(TransferIT.bareExtract(nhsNumber))
                .put("api/v1/practices/" + ods + "/records/" + nhsNumber)
                .then().statusCode(org.hamcrest.Matchers.oneOf(201, 204));
    }

    private String startTransfer(String nhsNumber, String requesting, String sending) {
        registeredAt(asAdmin(app), nhsNumber, requesting, sending);
        String location = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + requesting
                        + "\", \"sendingOds\": \"" + sending + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private void outcome(String name, String body) {
        asAdmin(app).contentType("application/json").body(body)
                .post("api/v1/transfers/" + conversations.get(name) + "/outcome").then().statusCode(200);
    }

    private JsonPath transfer(String name, String role) {
        return asAdmin(app).get("api/v1/transfers/" + conversations.get(name) + "?role=" + role).then()
                .statusCode(200).extract().jsonPath();
    }

    private JsonPath waitFor(String name, String role, String status) {
        return Eventually.until("transfer " + name + " (" + role + ") " + status, Duration.ofSeconds(30), () -> {
            var response = asAdmin(app).get("api/v1/transfers/" + conversations.get(name) + "?role=" + role);
            return response.statusCode() == 200 ? response.jsonPath() : null;
        }, transfer -> transfer != null && status.equals(transfer.getString("status")));
    }
}

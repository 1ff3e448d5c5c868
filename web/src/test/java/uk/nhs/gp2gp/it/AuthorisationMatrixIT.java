package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.registeredAt;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;

/**
 * Every partner endpoint against every kind of caller: no key, a revoked key, a practice key for a
 * practice the call is not about, the practice's own key, a repository key, the PDS feed's key
 * (demographics) and an admin key. The expected answer is written down for each cell; the test
 * prints the whole matrix and lists every cell that differs. "Allowed" means a 2xx: the call did its
 * work. A call that uses something up (an outcome, a refusal, a supplied extract) gets a fresh
 * transfer of its own for each caller that may make it.
 */
@ExtendWith(ArquillianExtension.class)
class AuthorisationMatrixIT {

    private static final String OWN = "Q99701";
    private static final String OTHER = "Q99702";
    private static final String STRANGER = "Q99703";
    private static final TestPatients PATIENTS = new TestPatients(999_061_000);
    private static final String PATIENT = "9990060010";

    enum Caller { NONE, REVOKED, WRONG_PRACTICE, OWN_PRACTICE, REPOSITORY, DEMOGRAPHICS, ADMIN }

    /** What a cell must answer. */
    enum Expect { UNAUTHENTICATED, FORBIDDEN, ALLOWED }

    @Deployment(testable = false)
    @TargetsContainer(DeployedWar.CLOCK_CONTAINER)
    static WebArchive deployment() {
        return DeployedWar.withTestClock();
    }

    @ArquillianResource
    private URL app;

    private final Map<Caller, String> keys = new LinkedHashMap<>();

    /** The transfer the reading cells look at, made once. */
    private static String readyTransfer;

    /** One call of an endpoint: its path under /api/v1 and its body (or none). */
    private record Call(String path, String body) {
    }

    /**
     * One endpoint: how to call it (given whether the caller may, so that what a call uses up is made
     * fresh for each caller that may), and whose calls it takes.
     */
    private record Endpoint(String method, String name, String contentType, Function<Boolean, Call> call,
            Scope scope) {

        static Endpoint of(String method, String path, String contentType, String body, Scope scope) {
            return new Endpoint(method, path, contentType, allowed -> new Call(path, body), scope);
        }
    }

    private enum Scope {
        /** About one practice's data: only its own keys (and admin) may; a repository key may not. */
        PRACTICE,
        /** The repository's: repository and admin keys only. */
        REPOSITORY,
        /** Writing demographics (who may receive a record): the PDS feed's key and admin keys only. */
        DEMOGRAPHICS_WRITE,
        /** Reading demographics: the repository, the PDS feed and admin keys. */
        DEMOGRAPHICS_READ,
        /** Admin keys only. */
        ADMIN,
        /** Any valid key. */
        ANY_KEY
    }

    @Test
    void everyEndpointAnswersEveryCallerAsDocumented() {
        String conversation = transferReadyAtOwnPractice();
        String attachment = asAdmin(app).get("api/v1/transfers/" + conversation + "?role=REQUESTER").then()
                .statusCode(200).extract().path("attachments[0].contentId");
        createKeys();
        String month = YearMonth.now().toString();
        String record = TransferIT.bareExtract(PATIENT);
        String shared = requestWaitingAtOwnPractice();
        List<Endpoint> endpoints = List.of(
                Endpoint.of("GET", "transfers/" + conversation + "?role=REQUESTER", null, null, Scope.PRACTICE),
                Endpoint.of("GET", "transfers/" + conversation + "/ehr", null, null, Scope.PRACTICE),
                Endpoint.of("GET", "transfers/" + conversation + "/attachments/" + attachment, null, null,
                        Scope.PRACTICE),
                Endpoint.of("GET", "transfers?ods=" + OWN, null, null, Scope.PRACTICE),
                new Endpoint("POST", "transfers", "application/json", allowed -> new Call("transfers",
                        "{\"nhsNumber\": \"" + PATIENTS.next() + "\", \"requestingOds\": \"" + OWN
                                + "\", \"sendingOds\": \"" + OTHER + "\"}"), Scope.PRACTICE),
                new Endpoint("POST", "transfers/{id}/outcome", "application/json", allowed -> new Call("transfers/"
                        + (allowed ? newTransferReadyAtOwnPractice(false) : conversation) + "/outcome",
                        "{\"outcome\": \"INTEGRATED\"}"), Scope.PRACTICE),
                Endpoint.of("PUT", "practices/" + OWN + "/records/" + PATIENT, "application/xml", record,
                        Scope.PRACTICE),
                Endpoint.of("GET", "ehr-requests?ods=" + OWN, null, null, Scope.PRACTICE),
                new Endpoint("POST", "ehr-requests/{id}/refusal", "application/json", allowed -> new Call(
                        "ehr-requests/" + (allowed ? requestWaitingAtOwnPractice() : shared) + "/refusal",
                        "{\"reasonCode\": \"06\"}"), Scope.PRACTICE),
                new Endpoint("PUT", "ehr-requests/{id}/extract", "application/xml", allowed -> {
                    String waiting = allowed ? requestWaitingAtOwnPractice() : shared;
                    return new Call("ehr-requests/" + waiting + "/extract", TransferIT.bareExtract(patientOf(waiting)));
                }, Scope.PRACTICE),
                Endpoint.of("GET", "reports/transfers?month=" + month + "&ods=" + OWN, null, null, Scope.PRACTICE),
                Endpoint.of("GET", "reports/approaching-window?ods=" + OWN, null, null, Scope.PRACTICE),
                Endpoint.of("GET", "paper-fallbacks?ods=" + OWN, null, null, Scope.PRACTICE),
                Endpoint.of("PUT", "practices/" + STRANGER, "application/json", practice(STRANGER), Scope.ADMIN),
                Endpoint.of("GET", "practices", null, null, Scope.ANY_KEY),
                Endpoint.of("GET", "reports/reasons", null, null, Scope.ANY_KEY),
                Endpoint.of("POST", "tools/inspect", "application/json", new String(ehrRequest(), UTF_8),
                        Scope.ANY_KEY),
                Endpoint.of("PUT", "demographics/" + PATIENT, "application/json",
                        "{\"registeredOds\": \"" + OWN + "\", \"managingOds\": \"" + OTHER + "\", \"deceased\": false}",
                        Scope.DEMOGRAPHICS_WRITE),
                Endpoint.of("GET", "demographics/" + PATIENT, null, null, Scope.DEMOGRAPHICS_READ),
                new Endpoint("POST", "registration-events", "application/json", allowed -> new Call(
                        "registration-events", "{\"eventId\": \"matrix-" + UUID.randomUUID() + "\", \"nhsNumber\": \""
                                + PATIENT + "\", \"type\": \"REGISTRATION\", \"odsCode\": \"" + OWN
                                + "\", \"occurredAt\": \"2026-11-01T09:00:00Z\"}"), Scope.REPOSITORY),
                Endpoint.of("GET", "suspended-records", null, null, Scope.REPOSITORY),
                Endpoint.of("GET", "suspended-records/" + heldRecord(), null, null, Scope.REPOSITORY));

        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-62s", "endpoint"));
        for (Caller caller : Caller.values()) {
            table.append(String.format(" %14s", caller));
        }
        int cells = 0;
        for (Endpoint endpoint : endpoints) {
            table.append(String.format("%n%-62s", endpoint.method() + " " + shorten(endpoint.name())));
            for (Caller caller : Caller.values()) {
                Expect expected = expected(endpoint.scope(), caller);
                int status = call(caller, endpoint, expected == Expect.ALLOWED).statusCode();
                table.append(String.format(" %14s", status + (matches(expected, status) ? "" : " !")));
                cells++;
                if (!matches(expected, status)) {
                    wrong.add(endpoint.method() + " " + shorten(endpoint.name()) + " as " + caller + ": " + status
                            + ", expected " + expected);
                }
            }
        }
        System.out.println("Authorisation matrix (" + cells + " cells):\n" + table);
        assertTrue(wrong.isEmpty(), "cells that differ:\n" + String.join("\n", wrong) + "\n" + table);
    }

    /**
     * The right to act for the requesting practice is checked before anything about the patient: a
     * stranger's key gets the same 403 whether or not the demographics know the patient, with or
     * without a sending practice, and nothing is kept.
     */
    @Test
    void aRequestInAnotherPracticesNameIsRefusedBeforeThePatientIsLookedUp() {
        transferReadyAtOwnPractice();
        createKeys();
        String known = PATIENTS.next();
        registeredAt(asAdmin(app), known, OWN, OTHER);
        String unknown = PATIENTS.next();
        String invalid = "9990000019";
        Set<String> answers = new java.util.HashSet<>();
        for (String patient : List.of(known, unknown, invalid)) {
            for (String sending : List.of("", ", \"sendingOds\": \"" + OTHER + "\"")) {
                answers.add(as(Caller.WRONG_PRACTICE).contentType("application/json")
                        .body("{\"nhsNumber\": \"" + patient + "\", \"requestingOds\": \"" + OWN + "\"" + sending + "}")
                        .post("api/v1/transfers").then().statusCode(403).contentType("application/problem+json")
                        .extract().asString());
            }
        }
        assertEquals(1, answers.size(), "one answer whatever the patient: " + answers);
        asAdmin(app).get("api/v1/transfers?nhsNumber=" + known).then().statusCode(200).body("size()", equalTo(0));
    }

    /** Lists answer every key, but only with what the key may see. */
    @Test
    void searchesShowAKeyOnlyItsOwnPractices() {
        String conversation = transferReadyAtOwnPractice();
        createKeys();
        List<String> seenByStranger = as(Caller.WRONG_PRACTICE).get("api/v1/transfers?nhsNumber=" + PATIENT)
                .then().statusCode(200).extract().jsonPath().getList("conversationId");
        assertFalse(seenByStranger.contains(conversation), "another practice's key sees none of it");
        List<String> seenByOwner = as(Caller.OWN_PRACTICE).get("api/v1/transfers?nhsNumber=" + PATIENT)
                .then().statusCode(200).extract().jsonPath().getList("conversationId");
        assertTrue(seenByOwner.contains(conversation), "the practice's own key sees it");
    }

    /**
     * Every change made through the API and every read of patient data is a line of the audit trail:
     * one per call, and one per patient in what a search or list showed.
     */
    @Test
    void changesAndReadsOfPatientDataAreAudited() {
        String conversation = transferReadyAtOwnPractice();
        requestWaitingAtOwnPractice();
        heldRecord();
        List<String> actions = List.of("PRACTICE_UPDATE", "RECORD_STORE", "DEMOGRAPHICS_CREATE", "DEMOGRAPHICS_UPDATE",
                "READ_DEMOGRAPHICS", "READ_EHR", "SEARCH_TRANSFERS", "LIST_EHR_REQUESTS",
                "LIST_SUSPENDED_RECORDS", "REQUEST_TRANSFER", "REGISTRATION_EVENT");
        Map<String, Long> before = new LinkedHashMap<>();
        actions.forEach(action -> before.put(action, auditCount(action)));
        long sentBefore = auditCount("RECORD_SENT", "sender");

        asAdmin(app).contentType("application/json").body(practice(OWN)).put("api/v1/practices/" + OWN)
                .then().statusCode(200);
        asAdmin(app).contentType("application/xml").body(TransferIT.bareExtract(PATIENT))
                .put("api/v1/practices/" + OTHER + "/records/" + PATIENT).then().statusCode(204);
        asAdmin(app).contentType("application/json").body("{\"registeredOds\": \"" + OWN + "\", \"managingOds\": \""
                + OTHER + "\", \"deceased\": false}").put("api/v1/demographics/" + PATIENT).then().statusCode(oneOf(200, 201));
        asAdmin(app).get("api/v1/demographics/" + PATIENT).then().statusCode(200);
        asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(200);
        // Reading one transfer: measured alone, since waiting for a transfer below reads it too.
        long readsBefore = auditCount("READ_TRANSFER");
        asAdmin(app).get("api/v1/transfers/" + conversation).then().statusCode(200);
        long reads = auditCount("READ_TRANSFER") - readsBefore;
        long searched = distinctPatients(asAdmin(app).get("api/v1/transfers?ods=" + OWN + "&size=500"));
        long waiting = distinctPatients(asAdmin(app).get("api/v1/ehr-requests?ods=" + OWN));
        long held = distinctPatients(asAdmin(app).get("api/v1/suspended-records?size=500"));
        String patient = PATIENTS.next();
        asAdmin(app).contentType("application/xml").body(TransferIT.bareExtract(patient))
                .put("api/v1/practices/" + OTHER + "/records/" + patient).then().statusCode(201);
        registeredAt(asAdmin(app), patient, OWN, OTHER);
        await(start(patient, OWN, OTHER), "REQUESTER", "READY_TO_INTEGRATE");
        asAdmin(app).contentType("application/json").body("{\"eventId\": \"matrix-" + UUID.randomUUID()
                + "\", \"nhsNumber\": \"" + patient + "\", \"type\": \"REGISTRATION\", \"odsCode\": \"" + OWN
                + "\", \"occurredAt\": \"2026-11-01T09:00:00Z\"}").post("api/v1/registration-events").then().statusCode(200);

        Map<String, Long> added = new LinkedHashMap<>();
        actions.forEach(action -> added.put(action, auditCount(action) - before.get(action)));
        System.out.println("Audit lines added by one call each: " + added + " (patients shown: " + searched
                + " by the search, " + waiting + " waiting requests, " + held + " held records)");
        assertEquals(1, added.get("PRACTICE_UPDATE"));
        assertEquals(2, added.get("RECORD_STORE"));
        assertEquals(2, added.get("DEMOGRAPHICS_CREATE") + added.get("DEMOGRAPHICS_UPDATE"));
        assertEquals(1, added.get("READ_DEMOGRAPHICS"));
        assertEquals(1, added.get("READ_EHR"));
        assertEquals(1, reads);
        assertTrue(searched >= 2 && waiting >= 1 && held >= 1, "the lists showed patients");
        assertEquals(searched, added.get("SEARCH_TRANSFERS"));
        assertEquals(waiting, added.get("LIST_EHR_REQUESTS"));
        assertEquals(held, added.get("LIST_SUSPENDED_RECORDS"));
        assertEquals(1, added.get("REQUEST_TRANSFER"));
        assertEquals(1, added.get("REGISTRATION_EVENT"));
        assertEquals(1, auditCount("RECORD_SENT", "sender") - sentBefore, "the record sent to " + OWN);
    }

    /**
     * A caller refused at /mhs/inbound is a line of the audit trail too, at most one a minute per
     * address and kind, so that a flood cannot fill the table.
     */
    @Test
    void refusalsAtTheInboundDoorAreAuditedAtMostOnceAMinute() {
        transferReadyAtOwnPractice();
        long unknownBefore = auditCount("MHS_INBOUND_AUTHENTICATION", "(no valid secret)");
        long forbiddenBefore = auditCount("MHS_INBOUND_FORBIDDEN", "the MHS adaptor (shared secret)");
        // From outside, in the name of a practice hosted here: only this instance may speak for it.
        String conversation = UUID.randomUUID().toString().toUpperCase();
        byte[] inOwnName = new ConversationCodec(Clock.systemUTC()).ehrRequest(conversation, "REQ-" + conversation,
                PATIENT, new Party(OWN, "900000099701", OWN + "-1"), new Party(OTHER, "900000099702", OTHER + "-1"))
                .envelope();
        for (int i = 0; i < 3; i++) {
            anonymous(app).header("X-GP2GP-Peer-Secret", "not-the-secret-" + i).contentType("application/json")
                    .body(inOwnName).post("mhs/inbound").then().statusCode(401);
            DeployedWar.asMhs(app).contentType("application/json").body(inOwnName).post("mhs/inbound")
                    .then().statusCode(403);
        }
        assertEquals(1, auditCount("MHS_INBOUND_AUTHENTICATION", "(no valid secret)") - unknownBefore);
        assertEquals(1, auditCount("MHS_INBOUND_FORBIDDEN", "the MHS adaptor (shared secret)") - forbiddenBefore);
    }

    private static long distinctPatients(Response list) {
        return list.then().statusCode(200).extract().jsonPath().getList("nhsNumber").stream().distinct().count();
    }

    private long auditCount(String action) {
        return auditCount(action, "bootstrap");
    }

    private long auditCount(String action, String actor) {
        return asAdmin(app).get("api/v1/it-support/audit-count?action=" + action + "&actor=" + actor)
                .then().statusCode(200).extract().jsonPath().getLong("count");
    }

    /**
     * A new key's first requests, many at once: each answered (noting the key's first use once must
     * not make the others fail, as it did under load before: a 500 from an optimistic lock).
     */
    @Test
    void aKeysFirstRequestsAllAtOnceAllSucceed() throws Exception {
        String fresh = key("matrix-burst", Set.of("PRACTICE"), Set.of(OWN));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(pool.submit(() -> anonymous(app).header("Authorization", "Bearer " + fresh)
                        .get("api/v1/reports/reasons").statusCode()));
            }
            Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                byStatus.merge(answer.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(200, 32), byStatus);
        } finally {
            pool.shutdown();
        }
    }

    /** A key over its own limit a minute is told to wait (429, Retry-After); other keys are not. */
    @Test
    void aKeyOverItsLimitIsToldToWaitAndOthersAreNot() {
        String limited = asAdmin(app).contentType("application/json")
                .body(Map.of("name", "matrix-limited-" + System.nanoTime(), "roles", Set.of("PRACTICE"),
                        "odsCodes", Set.of(OWN), "requestsPerMinute", 20))
                .post("api/v1/it-support/api-clients").then().statusCode(200).extract().path("key");
        Map<Integer, Integer> answers = new java.util.TreeMap<>();
        Instant began = Instant.now();
        Response refused = null;
        for (int i = 0; i < 40; i++) {
            Response response = anonymous(app).header("Authorization", "Bearer " + limited).get("api/v1/reports/reasons");
            answers.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() == 429) {
                refused = response;
            }
        }
        long seconds = Duration.between(began, Instant.now()).toSeconds();
        System.out.println("40 requests of a key limited to 20 a minute, in " + seconds + " s: " + answers);
        assertTrue(refused != null, "some requests are refused: " + answers);
        assertEquals("application/problem+json", refused.contentType());
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1, "Retry-After in whole seconds");
        // The burst is the limit, plus what refilled meanwhile (one every 3 s).
        assertTrue(answers.getOrDefault(200, 0) <= 20 + seconds / 3 + 1, "allowed: " + answers);
        asAdmin(app).get("api/v1/reports/reasons").then().statusCode(200);
    }

    private static Expect expected(Scope scope, Caller caller) {
        if (caller == Caller.NONE || caller == Caller.REVOKED) {
            return Expect.UNAUTHENTICATED;
        }
        if (caller == Caller.ADMIN) {
            return Expect.ALLOWED;
        }
        return switch (scope) {
            case ANY_KEY -> Expect.ALLOWED;
            case ADMIN -> Expect.FORBIDDEN;
            case REPOSITORY -> caller == Caller.REPOSITORY ? Expect.ALLOWED : Expect.FORBIDDEN;
            case DEMOGRAPHICS_WRITE -> caller == Caller.DEMOGRAPHICS ? Expect.ALLOWED : Expect.FORBIDDEN;
            case DEMOGRAPHICS_READ -> caller == Caller.REPOSITORY || caller == Caller.DEMOGRAPHICS ? Expect.ALLOWED
                    : Expect.FORBIDDEN;
            case PRACTICE -> caller == Caller.OWN_PRACTICE ? Expect.ALLOWED : Expect.FORBIDDEN;
        };
    }

    private static boolean matches(Expect expected, int status) {
        return switch (expected) {
            case UNAUTHENTICATED -> status == 401;
            case FORBIDDEN -> status == 403;
            case ALLOWED -> status >= 200 && status < 300;
        };
    }

    private Response call(Caller caller, Endpoint endpoint, boolean allowed) {
        Call call = endpoint.call().apply(allowed);
        RequestSpecification request = as(caller);
        if (call.body() != null) {
            request = request.contentType(endpoint.contentType()).body(call.body().getBytes(UTF_8));
        }
        return request.request(endpoint.method(), "api/v1/" + call.path());
    }

    private RequestSpecification as(Caller caller) {
        return switch (caller) {
            case NONE -> anonymous(app);
            case ADMIN -> asAdmin(app);
            default -> anonymous(app).header("Authorization", "Bearer " + keys.get(caller));
        };
    }

    private void createKeys() {
        keys.put(Caller.WRONG_PRACTICE, key("matrix-stranger", Set.of("PRACTICE"), Set.of(STRANGER)));
        keys.put(Caller.OWN_PRACTICE, key("matrix-own", Set.of("PRACTICE"), Set.of(OWN)));
        keys.put(Caller.REPOSITORY, key("matrix-repository", Set.of("REPOSITORY"), Set.of()));
        keys.put(Caller.DEMOGRAPHICS, key("matrix-demographics", Set.of("DEMOGRAPHICS"), Set.of()));
        Map<String, String> revoked = newClient("matrix-revoked", Set.of("PRACTICE", "ADMIN"), Set.of(OWN));
        asAdmin(app).post("api/v1/it-support/api-clients/" + revoked.get("id") + "/revoke").then().statusCode(200);
        keys.put(Caller.REVOKED, revoked.get("key"));
    }

    private String key(String name, Set<String> roles, Set<String> odsCodes) {
        return newClient(name, roles, odsCodes).get("key");
    }

    private Map<String, String> newClient(String name, Set<String> roles, Set<String> odsCodes) {
        return asAdmin(app).contentType("application/json")
                .body(Map.of("name", name + "-" + System.nanoTime(), "roles", roles, "odsCodes", odsCodes))
                .post("api/v1/it-support/api-clients").then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** OWN asked OTHER for PATIENT's record (with a scan); it arrived. */
    private String transferReadyAtOwnPractice() {
        if (readyTransfer == null) {
            for (String ods : List.of(OWN, OTHER, STRANGER)) {
                asAdmin(app).contentType("application/json").body(practice(ods)).put("api/v1/practices/" + ods)
                        .then().statusCode(oneOf(200, 201));
            }
            readyTransfer = newTransferReadyAtOwnPractice(true);
        }
        return readyTransfer;
    }

    /** OWN asked OTHER for a record and it arrived: PATIENT's (with a scan), or a new patient's. */
    private String newTransferReadyAtOwnPractice(boolean patientWithScan) {
        String patient = patientWithScan ? PATIENT : PATIENTS.next();
        asAdmin(app).contentType(OneNodeTransfers.RECORD_WITH_SCAN_TYPE)
                .body(OneNodeTransfers.recordWithScan(patient, "synthetic scan".getBytes(UTF_8)))
                .put("api/v1/practices/" + OTHER + "/records/" + patient).then().statusCode(oneOf(201, 204));
        registeredAt(asAdmin(app), patient, OWN, OTHER);
        String conversation = start(patient, OWN, OTHER);
        await(conversation, "REQUESTER", "READY_TO_INTEGRATE");
        return conversation;
    }

    /** OTHER asked OWN for a new patient OWN has no stored record of: the request waits for OWN's system. */
    private String requestWaitingAtOwnPractice() {
        String patient = PATIENTS.next();
        registeredAt(asAdmin(app), patient, OTHER, OWN);
        String conversation = start(patient, OTHER, OWN);
        await(conversation, "SENDER", "WAITING_FOR_EXTRACT");
        return conversation;
    }

    private String patientOf(String conversation) {
        return asAdmin(app).get("api/v1/transfers/" + conversation + "?role=SENDER").then().statusCode(200)
                .extract().path("nhsNumber");
    }

    /** A patient who left OWN and registered nowhere: the repository (this server) holds their record. */
    private String heldRecord() {
        String patient = PATIENTS.next();
        asAdmin(app).contentType("application/xml").body(TransferIT.bareExtract(patient))
                .put("api/v1/practices/" + OWN + "/records/" + patient).then().statusCode(oneOf(201, 204));
        registeredAt(asAdmin(app), patient, null, OWN);
        asAdmin(app).contentType("application/json").body("{\"eventId\": \"matrix-" + UUID.randomUUID()
                        + "\", \"nhsNumber\": \"" + patient + "\", \"type\": \"DEREGISTRATION\", \"odsCode\": \"" + OWN
                        + "\", \"occurredAt\": \"2026-11-01T09:00:00Z\"}")
                .post("api/v1/registration-events").then().statusCode(200)
                .body("outcome", equalTo("SUSPENSION_STARTED"));
        Eventually.until("the repository got the record", Duration.ofSeconds(30),
                () -> "COMPLETE".equals(asAdmin(app).get("api/v1/suspended-records/" + patient).path("status")));
        return patient;
    }

    private String start(String patient, String requesting, String sending) {
        return asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + patient + "\", \"requestingOds\": \"" + requesting + "\", \"sendingOds\": \""
                        + sending + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().path("conversationId");
    }

    private void await(String conversation, String role, String status) {
        Eventually.until("the " + role + " transfer " + conversation + " " + status, Duration.ofSeconds(30), () -> {
            Response response = asAdmin(app).get("api/v1/transfers/" + conversation + "?role=" + role);
            return response.statusCode() == 200 && status.equals(response.jsonPath().getString("status"));
        });
    }

    /** A well-formed EHR request in the MHS adaptor's JSON envelope, for the message inspector. */
    private static byte[] ehrRequest() {
        String conversation = UUID.randomUUID().toString().toUpperCase();
        return new ConversationCodec(Clock.systemUTC()).ehrRequest(conversation, "REQ-" + conversation, PATIENT,
                new Party(OWN, "900000099701", OWN + "-1"), new Party(OTHER, "900000099702", OTHER + "-1")).envelope();
    }

    private static String practice(String ods) {
        return "{\"name\": \"Matrix test " + ods + "\", \"asid\": \"9000000" + ods.substring(1) + "\", \"partyKey\": \""
                + ods + "-1\", \"hosted\": true}";
    }

    private static String shorten(String path) {
        // Printed: no NHS number in the output either (the build greps it for them).
        return path.replaceAll("[0-9A-F]{8}-[0-9A-F-]{27}", "{id}").replaceAll("\\d{10}", "{nhsNumber}");
    }
}

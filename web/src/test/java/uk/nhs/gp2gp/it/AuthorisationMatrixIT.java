package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.it.support.ItClock;
import uk.nhs.gp2gp.it.support.ItClockProducer;
import uk.nhs.gp2gp.it.support.ItSupportResource;

/**
 * Every partner endpoint against every kind of caller: no key, a revoked key, a practice key for a
 * practice the call is not about, the practice's own key, a repository key, and an admin key. The
 * expected answer is written down for each cell; the test prints the whole matrix and lists every
 * cell that differs. "Allowed" means neither 401 nor 403 (nor a 5xx): the call is let through to
 * do its work (which may still answer 404 or 409 when an earlier cell used up what it acts on).
 */
@ExtendWith(ArquillianExtension.class)
class AuthorisationMatrixIT {

    private static final String OWN = "Q99701";
    private static final String OTHER = "Q99702";
    private static final String STRANGER = "Q99703";
    private static final String PATIENT = "9990060010";
    private static final String WAITING_PATIENT = "9990060029";

    enum Caller { NONE, REVOKED, WRONG_PRACTICE, OWN_PRACTICE, REPOSITORY, ADMIN }

    /** What a cell must answer. */
    enum Expect { UNAUTHENTICATED, FORBIDDEN, ALLOWED }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive().addClasses(ItClock.class, ItClockProducer.class, ItSupportResource.class);
    }

    @ArquillianResource
    private URL app;

    private final Map<Caller, String> keys = new LinkedHashMap<>();

    /** The transfer both tests look at, made once. */
    private static String readyTransfer;

    /** One endpoint: how to call it, and whether its answer depends on the practice (else on the role). */
    private record Endpoint(String method, String path, String contentType, String body, Scope scope) {
    }

    private enum Scope {
        /** About one practice's data: only its own keys (and admin) may; a repository key may not. */
        PRACTICE,
        /** The repository's: repository and admin keys only. */
        REPOSITORY,
        /** Admin keys only. */
        ADMIN,
        /** Any valid key. */
        ANY_KEY
    }

    @Test
    void everyEndpointAnswersEveryCallerAsDocumented() {
        String conversation = transferReadyAtOwnPractice();
        String waiting = requestWaitingAtOwnPractice();
        createKeys();
        String month = YearMonth.now().toString();
        String record = TransferIT.bareExtract(PATIENT);
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET", "transfers/" + conversation + "?role=REQUESTER", null, null, Scope.PRACTICE),
                new Endpoint("GET", "transfers/" + conversation + "/ehr", null, null, Scope.PRACTICE),
                new Endpoint("GET", "transfers/" + conversation + "/attachments/none", null, null, Scope.PRACTICE),
                new Endpoint("POST", "transfers", "application/json", "{\"nhsNumber\": \"9990060037\", \"requestingOds\": \""
                        + OWN + "\", \"sendingOds\": \"" + OTHER + "\"}", Scope.PRACTICE),
                new Endpoint("POST", "transfers/" + conversation + "/outcome", "application/json",
                        "{\"outcome\": \"INTEGRATED\"}", Scope.PRACTICE),
                new Endpoint("PUT", "practices/" + OWN + "/records/" + PATIENT, "application/xml", record, Scope.PRACTICE),
                new Endpoint("GET", "ehr-requests?ods=" + OWN, null, null, Scope.PRACTICE),
                new Endpoint("POST", "ehr-requests/" + waiting + "/refusal", "application/json",
                        "{\"reasonCode\": \"06\"}", Scope.PRACTICE),
                new Endpoint("PUT", "ehr-requests/" + waiting + "/extract", "application/xml",
                        TransferIT.bareExtract(WAITING_PATIENT), Scope.PRACTICE),
                new Endpoint("GET", "reports/transfers?month=" + month + "&ods=" + OWN, null, null, Scope.PRACTICE),
                new Endpoint("GET", "reports/approaching-window?ods=" + OWN, null, null, Scope.PRACTICE),
                new Endpoint("GET", "paper-fallbacks?ods=" + OWN, null, null, Scope.PRACTICE),
                new Endpoint("PUT", "practices/" + STRANGER, "application/json", practice(STRANGER), Scope.ADMIN),
                new Endpoint("GET", "practices", null, null, Scope.ANY_KEY),
                new Endpoint("GET", "reports/reasons", null, null, Scope.ANY_KEY),
                new Endpoint("POST", "tools/inspect", "application/xml", record, Scope.ANY_KEY),
                new Endpoint("PUT", "demographics/" + PATIENT, "application/json",
                        "{\"registeredOds\": \"" + OWN + "\", \"managingOds\": \"" + OWN + "\", \"deceased\": false}",
                        Scope.REPOSITORY),
                new Endpoint("GET", "demographics/" + PATIENT, null, null, Scope.REPOSITORY),
                new Endpoint("POST", "registration-events", "application/json", "{\"eventId\": \"matrix-1\","
                        + " \"nhsNumber\": \"" + PATIENT + "\", \"type\": \"REGISTRATION\", \"odsCode\": \"" + OWN
                        + "\", \"occurredAt\": \"2026-11-01T09:00:00Z\"}", Scope.REPOSITORY),
                new Endpoint("GET", "suspended-records", null, null, Scope.REPOSITORY),
                new Endpoint("GET", "suspended-records/" + PATIENT, null, null, Scope.REPOSITORY));

        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-62s", "endpoint"));
        for (Caller caller : Caller.values()) {
            table.append(String.format(" %14s", caller));
        }
        int cells = 0;
        for (Endpoint endpoint : endpoints) {
            table.append(String.format("%n%-62s", endpoint.method() + " " + shorten(endpoint.path())));
            // Admin last: a call that changes something (an outcome, a refusal) is tried by every other caller first.
            for (Caller caller : Caller.values()) {
                int status = call(caller, endpoint).statusCode();
                Expect expected = expected(endpoint.scope(), caller);
                table.append(String.format(" %14s", status + (matches(expected, status) ? "" : " !")));
                cells++;
                if (!matches(expected, status)) {
                    wrong.add(endpoint.method() + " " + shorten(endpoint.path()) + " as " + caller + ": " + status
                            + ", expected " + expected);
                }
            }
        }
        System.out.println("Authorisation matrix (" + cells + " cells):\n" + table);
        assertTrue(wrong.isEmpty(), "cells that differ:\n" + String.join("\n", wrong) + "\n" + table);
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

    /** Every change made through the API and every read of patient data is a line of the audit trail. */
    @Test
    void changesAndReadsOfPatientDataAreAudited() {
        String conversation = transferReadyAtOwnPractice();
        List<String> actions = List.of("PRACTICE_UPDATE", "RECORD_STORE", "DEMOGRAPHICS_CREATE", "DEMOGRAPHICS_UPDATE",
                "READ_DEMOGRAPHICS", "READ_EHR");
        Map<String, Long> before = new LinkedHashMap<>();
        actions.forEach(action -> before.put(action, auditCount(action)));

        asAdmin(app).contentType("application/json").body(practice(OWN)).put("api/v1/practices/" + OWN)
                .then().statusCode(200);
        asAdmin(app).contentType("application/xml").body(TransferIT.bareExtract(PATIENT))
                .put("api/v1/practices/" + OTHER + "/records/" + PATIENT).then().statusCode(204);
        asAdmin(app).contentType("application/json").body("{\"registeredOds\": \"" + OWN + "\", \"managingOds\": \""
                + OWN + "\", \"deceased\": false}").put("api/v1/demographics/" + PATIENT).then().statusCode(oneOf(200, 201));
        asAdmin(app).get("api/v1/demographics/" + PATIENT).then().statusCode(200);
        asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(200);

        Map<String, Long> added = new LinkedHashMap<>();
        actions.forEach(action -> added.put(action, auditCount(action) - before.get(action)));
        System.out.println("Audit lines added by one call each: " + added);
        assertEquals(1, added.get("PRACTICE_UPDATE"));
        assertEquals(1, added.get("RECORD_STORE"));
        assertEquals(1, added.get("DEMOGRAPHICS_CREATE") + added.get("DEMOGRAPHICS_UPDATE"));
        assertEquals(1, added.get("READ_DEMOGRAPHICS"));
        assertEquals(1, added.get("READ_EHR"));
    }

    private long auditCount(String action) {
        return asAdmin(app).get("api/v1/it-support/audit-count?action=" + action + "&actor=bootstrap")
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
            case PRACTICE -> caller == Caller.OWN_PRACTICE ? Expect.ALLOWED : Expect.FORBIDDEN;
        };
    }

    private static boolean matches(Expect expected, int status) {
        return switch (expected) {
            case UNAUTHENTICATED -> status == 401;
            case FORBIDDEN -> status == 403;
            case ALLOWED -> status != 401 && status != 403 && status < 500;
        };
    }

    private Response call(Caller caller, Endpoint endpoint) {
        RequestSpecification request = as(caller);
        if (endpoint.body() != null) {
            request = request.contentType(endpoint.contentType()).body(endpoint.body().getBytes(UTF_8));
        }
        return request.request(endpoint.method(), "api/v1/" + endpoint.path());
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

    /** OWN asked OTHER for PATIENT's record; it arrived. */
    private String transferReadyAtOwnPractice() {
        if (readyTransfer != null) {
            return readyTransfer;
        }
        for (String ods : List.of(OWN, OTHER, STRANGER)) {
            asAdmin(app).contentType("application/json").body(practice(ods)).put("api/v1/practices/" + ods)
                    .then().statusCode(oneOf(200, 201));
        }
        asAdmin(app).contentType("application/xml").body(TransferIT.bareExtract(PATIENT))
                .put("api/v1/practices/" + OTHER + "/records/" + PATIENT).then().statusCode(oneOf(201, 204));
        readyTransfer = start(PATIENT, OWN, OTHER);
        await(readyTransfer, "REQUESTER", "READY_TO_INTEGRATE");
        return readyTransfer;
    }

    /** OTHER asked OWN for a patient OWN has no stored record of: the request waits for OWN's system. */
    private String requestWaitingAtOwnPractice() {
        String conversation = start(WAITING_PATIENT, OTHER, OWN);
        await(conversation, "SENDER", "WAITING_FOR_EXTRACT");
        return conversation;
    }

    private String start(String patient, String requesting, String sending) {
        return asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + patient + "\", \"requestingOds\": \"" + requesting + "\", \"sendingOds\": \""
                        + sending + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().path("conversationId");
    }

    private void await(String conversation, String role, String status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Response response = asAdmin(app).get("api/v1/transfers/" + conversation + "?role=" + role);
            if (response.statusCode() == 200 && status.equals(response.jsonPath().getString("status"))) {
                return;
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fail("The " + role + " transfer " + conversation + " did not get to " + status + " in 30 s");
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

package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.it.support.ItClock;
import uk.nhs.gp2gp.it.support.ItClockProducer;
import uk.nhs.gp2gp.it.support.ItSupportResource;

/**
 * The bootstrap key and refused API calls, across restarts on one database (an H2 file of its own:
 * the test revokes the bootstrap client, which the other ITs' database must keep). Four starts:
 * revoked in one, still revoked after a restart with the same key value, a new value gives the
 * client a new start, a key under 32 characters is not used. Between them: failed authentications
 * throttled (10 a minute here, the default) to 429, and the audit lines of 401s and 403s limited to
 * one a minute per address and kind.
 */
@OwnServers
class ApiKeySafetyIT {

    private static final String KEY = "it-bootstrap-key-for-the-safety-test-1";
    private static final String NEW_KEY = "it-bootstrap-key-for-the-safety-test-2";
    private static final String SHORT_KEY = "xq7-tiny-bootstrap-key";
    private static final String NO_VALID_KEY = "(no valid key)";

    @Test
    void theBootstrapKeyStaysRevokedAndFailedAuthenticationsAreThrottledAndAudited() throws Exception {
        File war = supportWar();
        String db = database();
        String adminKey;
        String practiceKey;

        try (PeerInstance node = start("keys-1", war, db, KEY)) {
            as(node, KEY).get("api/v1/practices").then().statusCode(200);
            adminKey = newClient(node, KEY, "it-safety-admin", "ADMIN", "*");
            practiceKey = newClient(node, KEY, "it-safety-practice", "PRACTICE", "P99001");
            as(node, adminKey).post("api/v1/it-support/api-clients/by-name/bootstrap/revoke").then()
                    .statusCode(200).body("revoked", equalTo(true));
            as(node, KEY).get("api/v1/practices").then().statusCode(401);
        }

        try (PeerInstance node = start("keys-2", war, db, KEY)) {
            as(node, KEY).get("api/v1/practices").then().statusCode(401);
            as(node, adminKey).get("api/v1/practices").then().statusCode(200);
            String log = Files.readString(log("keys-2").toPath());
            assertTrue(log.contains("stays revoked"), "the log says why the bootstrap key does not work");

            // 403s: three refusals, one audit line (the key's name as actor).
            for (int i = 0; i < 3; i++) {
                as(node, practiceKey).get("api/v1/demographics/9990000069").then().statusCode(403)
                        .contentType("application/problem+json");
            }
            assertEquals(1, auditCount(node, adminKey, "API_ACCESS", "it-safety-practice"));

            // Failed authentications: the revoked key above was the first of this minute; nine more 401s, then 429.
            for (int i = 2; i <= 10; i++) {
                as(node, "a-wrong-key-that-is-long-enough-to-try-" + i).get("api/v1/practices").then()
                        .statusCode(401);
            }
            int throttledAfter = as(node, "a-wrong-key-that-is-long-enough-to-try-11").get("api/v1/practices").then()
                    .statusCode(429).contentType("application/problem+json")
                    .body("type", equalTo("urn:gp2gp:problem:too-many-failed-authentications"))
                    .header("Retry-After", notNullValue()).extract().header("Retry-After").transform(Integer::parseInt);
            assertTrue(throttledAfter >= 1 && throttledAfter <= 60, "Retry-After within the minute: " + throttledAfter);
            // A right key from a throttled address waits too: guessing gains nothing, the database does nothing.
            as(node, adminKey).get("api/v1/practices").then().statusCode(429)
                    .body("type", equalTo("urn:gp2gp:problem:too-many-failed-authentications"));
            as(node, adminKey).get("api/v1/transfers").then().statusCode(429);
        }

        try (PeerInstance node = start("keys-3", war, db, NEW_KEY)) {
            // Audit lines, read after the restart (the throttle is per process): one per process and minute.
            assertEquals(2, auditCount(node, adminKey, "API_AUTHENTICATION", NO_VALID_KEY),
                    "11 refused keys in two processes: one line each");
            assertEquals(1, auditCount(node, adminKey, "API_AUTHENTICATION_THROTTLED", NO_VALID_KEY),
                    "3 throttled calls: one line");
            as(node, NEW_KEY).get("api/v1/practices").then().statusCode(200);
            as(node, KEY).get("api/v1/practices").then().statusCode(401);
        }

        try (PeerInstance node = start("keys-4", war, db, SHORT_KEY)) {
            as(node, SHORT_KEY).get("api/v1/practices").then().statusCode(401);
            as(node, NEW_KEY).get("api/v1/practices").then().statusCode(200);
            String log = Files.readString(log("keys-4").toPath());
            assertTrue(log.contains("gp2gp.bootstrap.api-key is shorter than 32 characters: not used"), "a clear error");
        }

        for (String name : List.of("keys-1", "keys-2", "keys-3", "keys-4")) {
            String log = Files.readString(log(name).toPath());
            for (String key : List.of(KEY, NEW_KEY, SHORT_KEY)) {
                assertFalse(log.contains(key.substring(0, 5)), name + "'s log shows no more than 4 characters of a key");
            }
            assertFalse(log.contains(adminKey), name + "'s log does not show a key made by the application");
        }
    }

    private static PeerInstance start(String name, File war, String db, String bootstrapKey) throws Exception {
        return PeerInstance.start(name, war, db, "sa", "", Map.of("GP2GP_BOOTSTRAP_API_KEY", bootstrapKey,
                "GP2GP_API_FAILED_AUTHENTICATIONS_PER_MINUTE", "10"), List.of(), List.of("--nocluster", "--nohazelcast"));
    }

    private static RequestSpecification as(PeerInstance node, String key) {
        return RestAssured.given().baseUri(node.url()).header("Authorization", "Bearer " + key);
    }

    private static String newClient(PeerInstance node, String key, String name, String role, String ods) {
        return as(node, key).contentType("application/json")
                .body(Map.of("name", name, "roles", List.of(role), "odsCodes", List.of(ods)))
                .post("api/v1/it-support/api-clients").then().statusCode(200).extract().path("key");
    }

    private static long auditCount(PeerInstance node, String key, String action, String actor) {
        return as(node, key).queryParam("action", action).queryParam("actor", actor)
                .get("api/v1/it-support/audit-count").then().statusCode(200).extract().<Number>path("count").longValue();
    }

    private static File log(String name) {
        return new File("target/failsafe-reports/" + name + "-server-output.txt");
    }

    /**
     * The built WAR plus the test-only support resource (creating and revoking keys, counting audit lines),
     * written once: ConsoleHttpsIT deploys it too, and the two classes run at the same time.
     */
    static synchronized File supportWar() {
        File war = new File("target/gp2gp-it-support.war");
        if (!supportWarWritten) {
            DeployedWar.archive().addClasses(ItClock.class, ItClockProducer.class, ItSupportResource.class)
                    .as(ZipExporter.class).exportTo(war, true);
            supportWarWritten = true;
        }
        return war;
    }

    private static boolean supportWarWritten;

    /** A fresh H2 file under target/, kept across the test's restarts. */
    private static String database() {
        File dir = new File("target/key-safety-db");
        for (File f : dir.listFiles() == null ? new File[0] : dir.listFiles()) {
            f.delete();
        }
        return "jdbc:h2:file:" + dir.getAbsolutePath() + "/gp2gp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
    }
}

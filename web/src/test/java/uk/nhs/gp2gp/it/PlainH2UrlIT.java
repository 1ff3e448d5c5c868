package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An operator's plain {@code jdbc:h2:file:} URL, without the H2 modes the SQL needs: the hub adds
 * them itself, so a registration event (its inbox's {@code insert ... on conflict}) works instead of
 * failing with a 500. Its own instance, on a fresh file under {@code target/}.
 */
@OwnServers
class PlainH2UrlIT {

    @Test
    void aPlainH2FileUrlRunsTheRegistrationEventPath() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "plain-h2-" + UUID.randomUUID()));
        try (PeerInstance hub = PeerInstance.start("plain-h2", "jdbc:h2:file:" + dir.toAbsolutePath() + "/x", "sa", "",
                Map.of("GP2GP_REPOSITORY_ODS", "Q99850", "GP2GP_REPOSITORY_ASID", "999999999850"))) {
            hub.asAdmin().contentType("application/json").body("{\"name\": \"Plain H2 test practice\", \"asid\":"
                    + " \"900000099851\", \"partyKey\": \"Q99851-1\", \"hosted\": true}")
                    .put("api/v1/practices/Q99851").then().statusCode(oneOf(200, 201));
            String event = "{\"eventId\": \"plain-h2-1\", \"nhsNumber\": \"9990006245\", \"type\": \"DEREGISTRATION\","
                    + " \"odsCode\": \"Q99851\", \"occurredAt\": \"2026-11-01T10:00:00Z\"}";
            hub.asAdmin().contentType("application/json").body(event).post("api/v1/registration-events")
                    .then().statusCode(200);
            // The same event again: the inbox's on conflict path, answered the same way.
            hub.asAdmin().contentType("application/json").body(event).post("api/v1/registration-events")
                    .then().statusCode(200);
            assertEquals(true, Files.exists(dir.resolve("x.mv.db")), "the database is the file the URL named");
        }
    }
}

package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.serverRoot;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR on Payara Micro: health, OpenAPI, API keys, problem+json errors, the practice directory. */
@ExtendWith(ArquillianExtension.class)
class FoundationIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive();
    }

    @ArquillianResource
    private URL app;

    @Test
    void isLiveAndReadyWithTheDatabaseMigrated() {
        serverRoot(app).get("/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
        serverRoot(app).get("/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void publishesTheApiAsOpenApi() {
        serverRoot(app).get("/openapi").then().statusCode(200)
                .body(containsString("GP2GP Hub partner API"))
                .body(containsString("/practices"));
    }

    @Test
    void aCallWithoutAKeyGets401AsAProblem() {
        anonymous(app).get("api/v1/practices").then().statusCode(401)
                .contentType(PROBLEM_JSON)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"))
                .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void anUnknownKeyGets401AndLearnsNothingAboutAddresses() {
        anonymous(app).header("Authorization", "Bearer not-a-real-key-at-all").get("api/v1/practices")
                .then().statusCode(401).contentType(PROBLEM_JSON)
                .body("detail", containsString("not valid"));
        anonymous(app).get("api/v1/no-such-thing").then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void theBootstrapKeyWorks() {
        asAdmin(app).get("api/v1/practices").then().statusCode(200).contentType("application/json");
    }

    @Test
    void anAdminPutsAndReadsAPractice() {
        String body = """
                {"name": "Synthetic Lane Surgery", "asid": "900000000101", "partyKey": "Q99101-900101",
                 "hosted": false, "endpointUrl": "http://localhost:1/peer", "supplier": "test"}""";
        asAdmin(app).contentType("application/json").body(body).put("api/v1/practices/q99101")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/practices/Q99101"))
                .body("odsCode", equalTo("Q99101"));
        asAdmin(app).contentType("application/json").body(body).put("api/v1/practices/Q99101")
                .then().statusCode(200);
        asAdmin(app).get("api/v1/practices/Q99101").then().statusCode(200)
                .body("name", equalTo("Synthetic Lane Surgery"))
                .body("hosted", equalTo(false));
        asAdmin(app).get("api/v1/practices").then().statusCode(200).body("odsCode", hasItem("Q99101"));
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        asAdmin(app).contentType("application/json").body("{\"name\": \"\", \"asid\": \"12 34\"}")
                .put("api/v1/practices/Q99102")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors.field", hasItems("name", "asid", "partyKey", "hosted"))
                .body(not(containsString("Exception")));
        asAdmin(app).get("api/v1/practices/Q9-9102")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("odsCode"));
    }

    @Test
    void aBodyThatIsNotJsonGets400NotAStackTrace() {
        asAdmin(app).contentType("application/json").body("{not json").put("api/v1/practices/Q99103")
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:gp2gp:problem:unreadable-body"))
                .body(not(containsString("at org.")));
    }

    @Test
    void unknownThingsAndWrongMethodsAreProblemsToo() {
        asAdmin(app).get("api/v1/practices/Z99999").then().statusCode(404).contentType(PROBLEM_JSON);
        asAdmin(app).get("api/v1/no-such-thing").then().statusCode(404).contentType(PROBLEM_JSON);
        asAdmin(app).delete("api/v1/practices").then().statusCode(405).contentType(PROBLEM_JSON);
        asAdmin(app).contentType("text/plain").body("x").put("api/v1/practices/Q99104")
                .then().statusCode(415).contentType(PROBLEM_JSON);
    }
}

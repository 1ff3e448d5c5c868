package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.fail;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;

import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances, each hosting one practice, talk GP2GP to each other through {@code /mhs/inbound}:
 * the loopback transport posts to a remote practice's endpoint.
 */
@ExtendWith(ArquillianExtension.class)
class PeerInstancesIT {

    private static final String HERE = "Q99401";
    private static final String THERE = "Q99402";
    private static PeerInstance peer;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive();
    }

    @ArquillianResource
    private URL app;

    @BeforeAll
    static void startPeer() throws Exception {
        peer = PeerInstance.start("peer-instance");
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aRecordTravelsBetweenTwoInstances() {
        String here = app.toString().replaceAll("/$", "");
        practice(asAdmin(app), HERE, true, null);
        practice(asAdmin(app), THERE, false, peer.url());
        practice(peer.asAdmin(), THERE, true, null);
        practice(peer.asAdmin(), HERE, false, here);
        String nhsNumber = "9990000123";
        peer.asAdmin().contentType("application/xml").body(TransferIT.bareExtract(nhsNumber))
                .put("/api/v1/practices/" + THERE + "/records/" + nhsNumber).then().statusCode(201);

        String location = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + HERE + "\", \"sendingOds\": \""
                        + THERE + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        String conversation = location.substring(location.lastIndexOf('/') + 1);

        await(() -> status(asAdmin(app), "api/v1/transfers/" + conversation), "READY_TO_INTEGRATE");
        asAdmin(app).contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
        await(() -> status(peer.asAdmin(), "/api/v1/transfers/" + conversation), "COMPLETE");
        peer.asAdmin().get("/api/v1/transfers/" + conversation).then().body("role", equalTo("SENDER"));
    }

    private static void practice(RequestSpecification api, String ods, boolean hosted, String endpoint) {
        api.contentType("application/json")
                .body("{\"name\": \"Peer test " + ods + "\", \"asid\": \"9000000" + ods.substring(1)
                        + "\", \"partyKey\": \"" + ods + "-1\", \"hosted\": " + hosted
                        + (endpoint == null ? "" : ", \"endpointUrl\": \"" + endpoint + "\"") + "}")
                .put("api/v1/practices/" + ods)
                .then().statusCode(oneOf(200, 201));
    }

    /** The transfer's status, or the HTTP status and problem when the instance answers otherwise. */
    private static String status(RequestSpecification api, String path) {
        io.restassured.response.Response response = api.get(path);
        return response.statusCode() == 200 ? response.path("status")
                : "HTTP " + response.statusCode() + " " + response.asString();
    }

    private static void await(Supplier<String> status, String expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        String last = null;
        while (Instant.now().isBefore(deadline)) {
            last = status.get();
            if (expected.equals(last)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fail("Expected " + expected + " within 45 s, last saw " + last);
    }
}

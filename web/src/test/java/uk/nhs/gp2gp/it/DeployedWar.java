package uk.nhs.gp2gp.it;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import uk.nhs.gp2gp.it.support.ItClock;
import uk.nhs.gp2gp.it.support.ItClockProducer;
import uk.nhs.gp2gp.it.support.ItSupportResource;

/**
 * The WAR exactly as built (no hand-listed test archive), and REST Assured pointed at it. The
 * integration test classes deploy it through Arquillian on one shared Payara Micro
 * ({@link SharedPayaraMicro}); those that move the clock on a second one, {@link #CLOCK_CONTAINER}.
 */
public final class DeployedWar {

    /** The key failsafe gives the server as GP2GP_BOOTSTRAP_API_KEY. */
    public static final String BOOTSTRAP_KEY = System.getProperty("it.bootstrap.key");

    /** The MHS adaptor's secret failsafe gives the server as GP2GP_INBOUND_SHARED_SECRET. */
    public static final String MHS_SECRET = System.getProperty("it.inbound.secret");

    private DeployedWar() {
    }

    /** failsafe's GP2GP_SENDER_EXTRACT_SUPPLY_TIMEOUT and GP2GP_REPOSITORY_RETENTION (web/pom.xml). */
    public static final Duration SUPPLY_TIMEOUT = Duration.ofSeconds(8);
    public static final Duration RETENTION = Duration.ofSeconds(20);

    /** The container (arquillian.xml) of the deployments {@link #withTestClock()}. */
    public static final String CLOCK_CONTAINER = "payara-micro-clock";

    /** The WAR with the test clock and the it-support API (which also issues keys and counts audit lines). */
    public static WebArchive withTestClock() {
        return archive().addClasses(ItClock.class, ItClockProducer.class, ItSupportResource.class);
    }

    /**
     * Moves the clock of a server {@link #withTestClock()} on by {@code by}, running: what was due in
     * that time runs within the scheduler's next beat (every second) instead of after a real wait.
     */
    public static void shiftClock(URL app, Duration by) {
        asAdmin(app).contentType("application/json").body("{\"shiftBy\": \"" + by + "\"}")
                .put("api/v1/it-support/clock").then().statusCode(200);
    }

    public static WebArchive archive() {
        File war = new File(System.getProperty("gp2gp.war", "target/gp2gp.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Build the WAR first (mvn verify does): " + war);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /** Requests to the deployed application, as a partner system with the bootstrap key. */
    public static RequestSpecification asAdmin(URL app) {
        return anonymous(app).header("Authorization", "Bearer " + BOOTSTRAP_KEY);
    }

    /**
     * As PDS says of a patient who has moved: registered at {@code practice}, the record still managed
     * by {@code managing}. A record goes only to the practice the patient is registered at.
     */
    public static void registeredAt(RequestSpecification admin, String patient, String practice, String managing) {
        admin.contentType("application/json")
                .body("{\"registeredOds\": " + (practice == null ? "null" : "\"" + practice + "\"")
                        + ", \"managingOds\": \"" + managing + "\", \"deceased\": false}")
                .put("api/v1/demographics/" + patient).then().statusCode(Matchers.oneOf(200, 201));
    }

    /** Requests to /mhs/inbound as the MHS adaptor: its secret in X-GP2GP-Peer-Secret. */
    public static RequestSpecification asMhs(URL app) {
        return anonymous(app).header("X-GP2GP-Peer-Secret", MHS_SECRET);
    }

    public static RequestSpecification anonymous(URL app) {
        return RestAssured.given().baseUri(app.toString().replaceAll("/$", ""));
    }

    /** Health and OpenAPI are served at the server's root, whatever the application's context root. */
    public static RequestSpecification serverRoot(URL app) {
        URI uri = URI.create(app.toString());
        return RestAssured.given().baseUri(uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort());
    }
}

package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.serverRoot;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.MessageFactory;
import uk.nhs.gp2gp.message.MultipartEbxmlWriter;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;

/**
 * {@code POST /api/v1/tools/inspect} on the deployed WAR: every real NHS message in the shared
 * fixtures answers with the values SOURCES.md gives, and every malformed or hostile message (the
 * ejb module's hand-written edge cases and big generated ones) gets a 400 problem saying exactly
 * what is wrong, never a 500.
 */
@ExtendWith(ArquillianExtension.class)
class InspectIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String INSPECT = "api/v1/tools/inspect";
    /** The edge cases live with the message component's unit tests; one copy for both. */
    private static final Path EDGE_CASES = Path.of(System.getProperty("gp2gp.edge-cases",
            "../ejb/src/test/resources/messages"));
    private static final PracticeSystem REQUESTER = new PracticeSystem("P99001", "900000000001", "P99001-900001");
    private static final PracticeSystem SENDER = new PracticeSystem("P99002", "900000000002", "P99002-900002");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive();
    }

    @ArquillianResource
    private URL app;

    @Test
    void everyRealMessageAnswersWithTheValuesSourcesGives() {
        assumeFixtures();
        List<FixtureTable.Row> rows = FixtureTable.rows();
        assertTrue(rows.size() >= 40, "SOURCES.md lists the fixtures");
        for (FixtureTable.Row row : rows) {
            Response response = post(FixtureTable.text(row.file()), type(row.file()));
            if (row.file().contains("missing-attachment-error/copc_error")) {
                // A COPC whose manifest names a part it does not carry: it cannot be processed (30).
                response.then().statusCode(400).contentType(PROBLEM_JSON)
                        .body("errors[0].field", equalTo("attachments"))
                        .body("errors[0].reasonCode", equalTo("30"))
                        .body("message.messageId", equalTo(row.values().get("messageId")));
                continue;
            }
            assertEquals(200, response.statusCode(), row.file() + ": " + response.asString());
            JsonPath json = response.jsonPath();
            for (Map.Entry<String, String> expected : row.values().entrySet()) {
                String actual = switch (expected.getKey()) {
                    case "fromParty", "toParty", "manifestRefs" -> null;   // not part of the answer
                    case "attachments" -> String.valueOf(count(json, false));
                    case "externalAttachments" -> String.valueOf(count(json, true));
                    default -> json.getString(expected.getKey());
                };
                if (actual != null) {
                    assertTrue(expected.getValue().equalsIgnoreCase(actual),
                            row.file() + " " + expected.getKey() + ": expected " + expected.getValue() + ", got "
                                    + actual);
                }
            }
        }
    }

    @Test
    void realMessagesWithTheirPlaceholdersLeftInAreStillAnsweredNeverWith500() {
        assumeFixtures();
        for (FixtureTable.Row row : FixtureTable.rows()) {
            Response response = post(FixtureTable.raw(row.file()), type(row.file()));
            assertTrue(response.statusCode() == 200 || response.statusCode() == 400,
                    row.file() + " answered " + response.statusCode());
            assertTrue(response.contentType().startsWith(response.statusCode() == 200 ? "application/json"
                    : PROBLEM_JSON), row.file());
        }
    }

    @Test
    void aFragmentIndexListsItsFragmentsInOrder() {
        assumeFixtures();
        post(FixtureTable.text("large-message/scenario-4/copc_index.json"), "application/json").then()
                .statusCode(200)
                .body("copcUse", equalTo("FRAGMENT_INDEX"))
                .body("fragments", hasSize(2))
                .body("fragments[0].position", equalTo(0))
                .body("fragments[0].messageId", equalTo("28B31-4245-4AFC-8DA2-8A40623A5101"))
                .body("fragments[1].messageId", equalTo("24AED038-FF3E-466D-820A-AE1B334D68EE"));
    }

    @Test
    void malformedMessagesGet400SayingTheFieldTheLocationAndTheNackCode() throws IOException {
        for (String file : List.of("missing-nhs-number.xml", "bad-check-digit.xml", "wrong-namespace.xml")) {
            post(edgeCase(file), "application/xml").then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("errors[0].field", equalTo(file.equals("wrong-namespace.xml") ? "payload" : "nhsNumber"))
                    .body("errors[0].location", startsWith("/RCMR_IN010000UK05"))
                    .body("errors[0].expected", not(equalTo(null)))
                    .body("errors[0].reasonCode", equalTo("18"))
                    .body("errors[0].reasonName", equalTo("Request malformed"))
                    .body("message.interactionId", equalTo("RCMR_IN010000UK05"))
                    .body("message.nhsNumber", equalTo(null))
                    .body(not(containsString("9990000019")));
        }
    }

    @Test
    void unreadableAndHostileMessagesGet400SayingWhere() throws IOException {
        Map<String, String> expectations = Map.of(
                "truncated.xml", "not well-formed XML",
                "doctype-entities.xml", "DOCTYPE and entity declarations are not allowed",
                "external-entity.xml", "DOCTYPE and entity declarations are not allowed",
                "undeclared-entity.xml", "\"secret\" was referenced, but not declared",
                "unknown-interaction.xml", "unknown interaction id PRPA_IN000203UK03",
                "not-a-gp2gp-message.xml", "not a GP2GP message",
                "not-json.json", "not a JSON object",
                "json-without-payload.json", "neither ebXML nor payload");
        for (Map.Entry<String, String> e : expectations.entrySet()) {
            post(edgeCase(e.getKey()), type(e.getKey())).then().statusCode(400).contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:gp2gp:problem:invalid-message"))
                    .body("errors[0].detail", containsString(e.getValue()))
                    .body("errors[0].location", not(equalTo(null)))
                    .body(not(containsString("root:")));   // nothing of /etc/passwd
        }
    }

    @Test
    void anAcknowledgementWithoutAReasonIsAnsweredWithAWarning() throws IOException {
        post(edgeCase("ack-without-reason.xml"), "text/xml").then().statusCode(200)
                .body("ackType", equalTo("AE"))
                .body("warnings.field", hasItem("reasonCode"));
        post(edgeCase("valid-request.xml"), "application/xml").then().statusCode(200)
                .body("nhsNumber", equalTo("9990000018"))
                .body("fromOds", equalTo("P99001"))
                .body("toAsid", equalTo("900000000002"))
                .body("warnings", hasSize(0));
    }

    @Test
    void tenThousandLevelsOfNestingAreRefused() {
        String deep = "<RCMR_IN030000UK06 xmlns=\"urn:hl7-org:v3\">" + "<a>".repeat(10_000) + "</a>".repeat(10_000)
                + "</RCMR_IN030000UK06>";
        post(deep, "application/xml").then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].detail", containsString("deeper than 256"));
    }

    @Test
    void anExtractWith98AttachmentsInItsWireFormListsThemAll() {
        MessageFactory factory = new MessageFactory(Clock.systemUTC());
        Gp2gpMessage request = factory.ehrRequest("4F3E2D1C-0B9A-4887-9665-544332211000", "9990000026", REQUESTER,
                SENDER);
        Gp2gpMessage extract = factory.ehrExtract("4F3E2D1C-0B9A-4887-9665-544332211000",
                (EhrRequest) request.payload(), SENDER, REQUESTER, IntStream.range(0, 98)
                        .mapToObj(i -> OutgoingFile.inline("letter" + i + ".pdf", "application/pdf", 4000)).toList());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        MultipartEbxmlWriter.write(extract, a -> new java.io.ByteArrayInputStream(filled(a.length())), wire);
        asAdmin(app).contentType(MultipartEbxmlWriter.CONTENT_TYPE).body(wire.toByteArray()).post(INSPECT)
                .then().statusCode(200)
                .body("interactionId", equalTo("RCMR_IN030000UK06"))
                .body("messageId", equalTo(extract.messageId()))
                .body("nhsNumber", equalTo("9990000026"))
                .body("attachments", hasSize(98))
                .body("attachments[97].length", equalTo(4000))
                .body("attachments[97].external", equalTo(false))
                .body("warnings", hasSize(0));
    }

    @Test
    void aBrokenMultipartBodyIsAProblemToo() {
        asAdmin(app).contentType("multipart/related; boundary=\"abc\"")
                .body("no boundary here".getBytes(StandardCharsets.US_ASCII)).post(INSPECT)
                .then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("multipart"));
        asAdmin(app).contentType("multipart/related").body("--x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
                .post(INSPECT).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("errors[0].field", equalTo("Content-Type"));
    }

    @Test
    void anyValidKeyMayAskButNotAnonymousCallersAndOnlyMessageTypes() throws IOException {
        anonymous(app).contentType("application/xml").body(edgeCase("valid-request.xml")).post(INSPECT)
                .then().statusCode(401);
        asAdmin(app).contentType("text/plain").body("hello").post(INSPECT).then().statusCode(415)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void isDescribedInOpenApi() {
        serverRoot(app).get("/openapi").then().statusCode(200).body(containsString("/tools/inspect"));
    }

    private Response post(String body, String contentType) {
        return asAdmin(app).contentType(contentType + "; charset=UTF-8")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(INSPECT);
    }

    private static int count(JsonPath json, boolean external) {
        List<Boolean> flags = json.getList("attachments.external", Boolean.class);
        return (int) flags.stream().filter(f -> f == external).count();
    }

    private static String type(String file) {
        return file.endsWith(".json") ? "application/json" : "application/xml";
    }

    private static String edgeCase(String name) throws IOException {
        return Files.readString(EDGE_CASES.resolve(name), StandardCharsets.UTF_8);
    }

    private static byte[] filled(long length) {
        byte[] bytes = new byte[(int) length];
        Arrays.fill(bytes, (byte) 'Q');
        return bytes;
    }

    private static void assumeFixtures() {
        FixtureTable.assumePresent();
    }
}

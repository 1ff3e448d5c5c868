package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The hub behind a (fake) MHS adaptor: gp2gp.transport=mhs, every outbound request checked as the
 * adaptor checks it ({@link FakeMhsAdaptor}). A remote practice asks for a record holding a .docx and
 * an empty file; what the hub sends is accepted, the .docx as octet-stream, the empty file as its
 * absent-attachment text.
 */
@ExtendWith(ArquillianExtension.class)
class MhsAdaptorOutboundIT {

    private static final String HOSTED = "Q99701";
    private static final String REMOTE = "Q99702";
    private static final String MHS_SECRET = "mhs-adaptor-secret-" + UUID.randomUUID();
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final ConversationCodec CODEC = new ConversationCodec(Clock.systemUTC());

    private static FakeMhsAdaptor adaptor;
    private static PeerInstance hub;

    /** Only for Arquillian's lifecycle: this test talks to its own instance. */
    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive();
    }

    @BeforeAll
    static void start() throws IOException {
        adaptor = FakeMhsAdaptor.start();
        hub = PeerInstance.startInMemory("mhs-outbound", Map.of("GP2GP_TRANSPORT", "mhs", "GP2GP_MHS_OUTBOUND_URL",
                adaptor.url(), "GP2GP_INBOUND_SHARED_SECRET", MHS_SECRET));
        practice(HOSTED, true);
        practice(REMOTE, false);
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
        if (adaptor != null) {
            adaptor.close();
        }
    }

    @Test
    void aRecordWithADocxAndAnEmptyFileGoesOutAsTheAdaptorAcceptsIt() {
        String patient = "9990070091";
        String boundary = "mhs-outbound-boundary";
        String record = "--" + boundary + "\r\nContent-Type: application/xml\r\n\r\n" + TransferIT.bareExtract(patient)
                + "\r\n--" + boundary + "\r\nContent-Id: <letter@practice>\r\nContent-Type: " + DOCX + "\r\n"
                + "Content-Description: Filename=\"letter.docx\" ContentType=" + DOCX + "\r\n\r\nPK-synthetic-docx"
                + "\r\n--" + boundary + "\r\nContent-Id: <empty@practice>\r\nContent-Type: application/pdf\r\n"
                + "Content-Description: Filename=\"empty.pdf\" ContentType=application/pdf\r\n\r\n"
                + "\r\n--" + boundary + "--\r\n";
        hub.asAdmin().contentType("multipart/related; type=\"application/xml\"; boundary=" + boundary)
                .body(record.getBytes(UTF_8)).put("/api/v1/practices/" + HOSTED + "/records/" + patient)
                .then().statusCode(oneOf(201, 204));
        DeployedWar.registeredAt(hub.asAdmin(), patient, REMOTE, HOSTED);

        String conversation = UUID.randomUUID().toString().toUpperCase();
        OutboundMessage request = CODEC.ehrRequest(conversation, "REQ-" + conversation, patient, party(REMOTE),
                party(HOSTED));
        RestAssured.given().baseUri(hub.url()).contentType("application/json").header("X-GP2GP-Peer-Secret",
                MHS_SECRET).body(request.envelope()).post("/mhs/inbound").then().statusCode(202);

        List<FakeMhsAdaptor.Request> sent = adaptor.awaitAccepted(conversation, 2, Duration.ofSeconds(60));
        assertEquals(List.of(), adaptor.refused(), "the adaptor refused nothing");
        assertEquals(List.of("RCMR_IN030000UK06", "MCCI_IN010000UK13"), sent.stream()
                .map(r -> r.header("Interaction-Id")).toList(), "the extract, then the request's acknowledgement");
        assertEquals(REMOTE, sent.get(0).header("ods-code"));
        JsonArray attachments = sent.get(0).json().getJsonArray("attachments");
        assertEquals(2, attachments.size());
        JsonObject letter = attachments.getJsonObject(0);
        assertEquals("application/octet-stream", letter.getString("content_type"));
        assertTrue(letter.getString("description").contains("ContentType=" + DOCX), letter.toString());
        JsonObject empty = attachments.getJsonObject(1);
        assertEquals("text/plain", empty.getString("content_type"));
        assertTrue(new String(java.util.Base64.getDecoder().decode(empty.getString("payload")), UTF_8)
                .startsWith("The file could not be included with the Electronic Record"));
    }

    private static void practice(String ods, boolean hosted) {
        hub.asAdmin().contentType("application/json")
                .body("{\"name\": \"MHS test " + ods + "\", \"asid\": \"" + party(ods).asid() + "\", \"partyKey\": \""
                        + party(ods).partyKey() + "\", \"hosted\": " + hosted + "}")
                .put("/api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
    }

    private static Party party(String ods) {
        return new Party(ods, "9000000" + ods.substring(1), ods + "-1");
    }
}

package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.RecordingPractice.isAck;
import static uk.nhs.gp2gp.it.DeployedWar.asMhs;
import static uk.nhs.gp2gp.it.DeployedWar.registeredAt;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
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
 * Large messaging at the requester, proven on the real large conversations in the shared fixtures
 * ({@code large-message/}): the core extract names parts sent as COPC messages; we send the continue
 * request, acknowledge every COPC, put each attachment back together and offer it byte-exact. Each
 * conversation is replayed into {@code /mhs/inbound} in order, and again shuffled with every part
 * before the core. The old practice is a recording server standing in for its instance. Sending
 * in fragments is proven with both practices on this instance. The last test moves the clock.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("database")
class LargeMessageIT {

    private static final String HERE = "Q99601";
    private static final String THERE = "Q99602";
    private static final Pattern FROM_PARTY = Pattern.compile("(<eb:From>(?:\\s|\\\\[nrt])*<eb:PartyId[^>]*>)[^<]+");
    private static final Pattern SENDING_ASID = Pattern.compile(
            "(communicationFunctionSnd[\\s\\S]{0,400}?extension=\\\\\")[^\\\\\"]+");
    private static final Pattern MESSAGE_ID = Pattern.compile("MessageId>\\s*([^<\\s]+)\\s*<");
    /** Synthetic patients (999 range, valid modulus 11), one per replay. */
    private static final Iterator<String> PATIENTS = List.of("9990006008", "9990006016", "9990006024",
            "9990006032", "9990006040", "9990006059", "9990006067", "9990006075", "9990006083", "9990006091",
            "9990006105", "9990006113", "9990006121", "9990006148", "9990006156", "9990006164", "9990006172",
            "9990006180").iterator();
    private static final List<String> CONVERSATIONS = List.of("scenario-3", "scenario-4", "scenario-6",
            "scenario-7", "decoded-index");

    private static RecordingPractice oldPractice;

    @Deployment(testable = false)
    @TargetsContainer(DeployedWar.CLOCK_CONTAINER)
    static WebArchive deployment() {
        return DeployedWar.withTestClock();
    }

    @ArquillianResource
    private URL app;

    @BeforeAll
    static void recordingOldPractice() throws IOException {
        oldPractice = RecordingPractice.start();
    }

    @AfterAll
    static void stop() {
        oldPractice.close();
    }

    @Test
    void realLargeConversationsArriveInOrderAndAreReassembledByteExact() throws Exception {
        for (String name : CONVERSATIONS) {
            Fixture fixture = Fixture.load(name);
            replay(fixture, fixture.inOrder());
        }
    }

    @Test
    void partsMayArriveShuffledAndBeforeTheCore() throws Exception {
        Random random = new Random(6);
        for (String name : CONVERSATIONS) {
            Fixture fixture = Fixture.load(name);
            List<String> parts = new ArrayList<>(fixture.copcs().values());
            Collections.shuffle(parts, random);
            parts.add(fixture.core());   // every part first, the core last
            replay(fixture, parts);
        }
    }

    @Test
    void aPartWithoutItsAttachmentFailsTheTransferWithCode30() throws Exception {
        Fixture fixture = Fixture.load("missing-attachment-error");
        String nhsNumber = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        post(fixture.withIds(fixture.core(), conversation, nhsNumber));
        waitFor(conversation, t -> "WAITING_FOR_PARTS".equals(t.getString("status")));
        for (String copc : fixture.copcs().values()) {
            post(fixture.withIds(copc, conversation, nhsNumber));
        }
        JsonPath failed = waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        assertEquals("30", failed.getString("failure.code"));
        String copcId = fixture.copcs().keySet().iterator().next();
        oldPractice.awaitSent(conversation, m -> isAck(m, copcId, "AE", "30"), "AE 30 on the part");
        oldPractice.awaitSent(conversation, m -> isAck(m, fixture.coreMessageId(), "AE", "30"), "final AE 30 on the extract");
    }

    /**
     * Both roles on this instance: a record too big for one message (a 12 MB scan and a letter) goes
     * as an extract announcing its files, then, after the continue request, as COPCs: the scan in
     * hundreds of fragments (the ITs' fragment size is 48 KB), the letter whole. It arrives byte-exact
     * and the final acknowledgement completes the sender's side.
     */
    @Test
    void aRecordTooBigForOneMessageTravelsInHundredsOfFragments() throws Exception {
        String sending = "Q99603";
        practice(HERE, true, null);
        practice(sending, true, null);
        String nhsNumber = PATIENTS.next();
        byte[] scan = new byte[12 * 1024 * 1024];
        new Random(42).nextBytes(scan);
        String boundary = "large-record-boundary";
        String body = "--" + boundary + "\r\nContent-Type: application/xml\r\n\r\n" + TransferIT.bareExtract(nhsNumber)
                + "\r\n--" + boundary + "\r\nContent-Id: <scan@practice>\r\nContent-Type: image/tiff\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Description: Filename=\"scan.tif\" ContentType=image/tiff"
                + " Compressed=No LargeAttachment=No OriginalBase64=Yes\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(scan)
                + "\r\n--" + boundary + "\r\nContent-Id: <letter@practice>\r\nContent-Type: text/plain\r\n"
                + "Content-Description: Filename=\"letter.txt\" ContentType=text/plain\r\n\r\nSynthetic discharge letter."
                + "\r\n--" + boundary + "--\r\n";
        asAdmin(app).contentType("multipart/related; type=\"application/xml\"; boundary=" + boundary)
                .body(body.getBytes(UTF_8)).put("api/v1/practices/" + sending + "/records/" + nhsNumber)
                .then().statusCode(oneOf(201, 204));

        registeredAt(asAdmin(app), nhsNumber, HERE, sending);
        String location = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + HERE + "\", \"sendingOds\": \""
                        + sending + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        String conversation = location.substring(location.lastIndexOf('/') + 1);
        JsonPath ready = waitFor(conversation, t -> "READY_TO_INTEGRATE".equals(t.getString("status")),
                Duration.ofSeconds(120));
        // The core, the scan's index and its 342 fragments (16 MB of base64 in 48 KB), the letter.
        int fragments = (int) Math.ceil(4.0 * Math.ceil(scan.length / 3.0) / 49152);
        assertEquals(1 + 1 + fragments + 1, ready.getInt("progress.partsExpected"));
        assertEquals(ready.getInt("progress.partsExpected"), ready.getInt("progress.partsReceived"));
        assertTrue(fragments > 200, "hundreds of fragments: " + fragments);

        List<String> names = ready.getList("attachments.filename");
        List<String> ids = ready.getList("attachments.contentId");
        byte[] arrived = asAdmin(app).get("api/v1/transfers/" + conversation + "/attachments/"
                + ids.get(names.indexOf("scan.tif"))).then().statusCode(200).contentType("image/tiff")
                .extract().asByteArray();
        assertArrayEquals(scan, arrived, "the scan, byte-exact");
        assertEquals("Synthetic discharge letter.", asAdmin(app).get("api/v1/transfers/" + conversation
                + "/attachments/" + ids.get(names.indexOf("letter.txt"))).then().statusCode(200).extract().asString());

        asAdmin(app).contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
        // The sender got the final acknowledgement.
        Eventually.until("the sender's transfer " + conversation + " COMPLETE", Duration.ofSeconds(30),
                () -> asAdmin(app).get("api/v1/transfers/" + conversation + "?role=SENDER").then()
                        .extract().<String>path("status"), "COMPLETE"::equals);
    }

    /**
     * An extract whose HL7 alone is too big for one message (5 MB of notes) goes as a skeleton, the
     * original following gzipped after the continue; the requester offers the whole original.
     */
    @Test
    void anExtractTooBigForOneMessageGoesAsASkeletonAndArrivesWhole() {
        String sending = "Q99603";
        practice(HERE, true, null);
        practice(sending, true, null);
        String nhsNumber = PATIENTS.next();
        String notes = "Synthetic consultation note, no real patient. ".repeat(110_000) + "END-OF-NOTES";
        String record = TransferIT.bareExtract(nhsNumber).replace("</ehrFolder>", """
                <component typeCode="COMP"><ehrComposition classCode="COMPOSITION" moodCode="EVN">
                  <id root="0A1B2C3D-0000-4000-8000-000000000003"/><component typeCode="COMP">
                  <NarrativeStatement classCode="OBS" moodCode="EVN"><id root="0A1B2C3D-0000-4000-8000-000000000004"/>
                  <text>%s</text></NarrativeStatement></component></ehrComposition></component></ehrFolder>"""
                .formatted(notes));
        asAdmin(app).contentType("application/xml").body(record.getBytes(UTF_8))
                .put("api/v1/practices/" + sending + "/records/" + nhsNumber).then().statusCode(oneOf(201, 204));

        registeredAt(asAdmin(app), nhsNumber, HERE, sending);
        String location = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + HERE + "\", \"sendingOds\": \""
                        + sending + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        String conversation = location.substring(location.lastIndexOf('/') + 1);
        JsonPath ready = waitFor(conversation, t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        assertEquals(2, ready.getInt("progress.partsExpected"), "the skeleton and the original (gzipped, one COPC)");
        String ehr = asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(200)
                .extract().asString();
        assertTrue(ehr.startsWith("<RCMR_IN030000UK06") && ehr.contains(notes), "the whole original, not the skeleton");
        assertFalse(ehr.contains("Skeleton statement"));
        assertEquals(List.of(), ready.getList("attachments"), "the original replaced the skeleton: no attachment");
    }

    @Test
    @Order(1)
    void fragmentsThatCannotBeJoinedFailTheTransferWithCode29() throws Exception {
        // The real scenario-4, but the core says the attachment is gzipped: the joined text is no gzip.
        Fixture fixture = Fixture.load("scenario-4");
        String nhsNumber = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        List<String> messages = fixture.inOrder();
        for (String message : messages) {
            post(fixture.withIds(message, conversation, nhsNumber).replace("Compressed=No LargeAttachment=Yes",
                    "Compressed=Yes LargeAttachment=Yes"));
        }
        String lastPart = Fixture.messageId(messages.get(messages.size() - 1));
        JsonPath failed = waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        assertEquals("29", failed.getString("failure.code"));
        assertEquals(List.of(), failed.getList("attachments"), "nothing half put together is offered");
        oldPractice.awaitSent(conversation, m -> isAck(m, fixture.coreMessageId(), "AE", "31"), "final AE 31 on the extract");
        oldPractice.awaitSent(conversation, m -> isAck(m, lastPart, "AE", "29"), "AE 29 on the part that completed it");
    }

    /**
     * A part that never comes: after the protocol's time (extract timeout + 7 h per part, the clock
     * moved on by the test) the transfer fails with a final AE 31; a part arriving after that is
     * answered AE 25 and changes nothing. Last in the class: the clock only goes forward.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aPartThatNeverComesTimesOutWithCode31AndALatePartGets25() throws Exception {
        Fixture fixture = Fixture.load("scenario-4");
        String nhsNumber = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        List<String> messages = fixture.inOrder();
        String late = messages.remove(messages.size() - 1);
        for (String message : messages) {
            post(fixture.withIds(message, conversation, nhsNumber));
        }
        JsonPath waiting = waitFor(conversation, t -> "WAITING_FOR_PARTS".equals(t.getString("status"))
                && t.getInt("progress.partsReceived") == 3);
        assertEquals(4, waiting.getInt("progress.partsExpected"));

        asAdmin(app).contentType("application/json").body("{\"shiftBy\": \"P2D\"}")
                .put("api/v1/it-support/clock").then().statusCode(200);
        JsonPath failed = waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        assertEquals("31", failed.getString("failure.code"));
        oldPractice.awaitSent(conversation, m -> isAck(m, fixture.coreMessageId(), "AE", "31"), "final AE 31 on the extract");
        // The core arrived, a part never did: no half record is offered.
        asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(404)
                .contentType("application/problem+json");

        post(fixture.withIds(late, conversation, nhsNumber));
        oldPractice.awaitSent(conversation, m -> isAck(m, Fixture.messageId(late), "AE", "25"), "AE 25 on the late part");
        assertEquals("FAILED", asAdmin(app).get("api/v1/transfers/" + conversation + "?role=REQUESTER")
                .then().extract().path("status"));
    }

    /** One conversation: its messages into /mhs/inbound in the given order, then every check. */
    private void replay(Fixture fixture, List<String> messages) throws Exception {
        String nhsNumber = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        String ehrRequestId = oldPractice.ehrRequestSent(conversation);
        for (String message : messages) {
            post(fixture.withIds(message, conversation, nhsNumber).replaceAll(
                    "(<priorEhrRequest[^>]*>(?:\\s|\\\\[nrt])*<id root=\\\\\")[^\\\\\"]+", "$1" + ehrRequestId));
        }
        JsonPath ready = waitFor(conversation, t -> "READY_TO_INTEGRATE".equals(t.getString("status")));
        int parts = 1 + fixture.copcs().size();
        assertEquals(parts, ready.getInt("progress.partsExpected"), fixture.name);
        assertEquals(parts, ready.getInt("progress.partsReceived"), fixture.name);

        for (Map.Entry<String, byte[]> attachment : fixture.attachments().entrySet()) {
            byte[] arrived = asAdmin(app).get("api/v1/transfers/" + conversation + "/attachments/"
                    + attachment.getKey()).then().statusCode(200).extract().asByteArray();
            assertArrayEquals(attachment.getValue(), arrived, fixture.name + ": attachment " + attachment.getKey());
        }
        oldPractice.awaitSent(conversation, m -> m.contains("GP2GP_PI") && m.contains(fixture.coreMessageId()),
                fixture.name + ": the continue request names the extract");
        for (String copc : fixture.copcs().keySet()) {
            oldPractice.awaitSent(conversation, m -> isAck(m, copc, "AA", null), fixture.name + ": AA for part " + copc);
        }
        // The old practice has no peer of its own: it gets no secret, never the MHS adaptor's.
        assertEquals(java.util.Set.of(""), java.util.Set.copyOf(oldPractice.secrets()), "secrets sent to the old practice");
    }

    private String startTransfer(String nhsNumber) {
        practice(HERE, true, null);
        practice(THERE, false, oldPractice.url());
        String location = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + HERE + "\", \"sendingOds\": \""
                        + THERE + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private void practice(String ods, boolean hosted, String endpoint) {
        asAdmin(app).contentType("application/json")
                .body("{\"name\": \"Large message test " + ods + "\", \"asid\": \"" + asid(ods)
                        + "\", \"partyKey\": \"" + ods + "-1\", \"hosted\": " + hosted
                        + (endpoint == null ? "" : ", \"endpointUrl\": \"" + endpoint + "\"") + "}")
                .put("api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
    }

    /**
     * One message into /mhs/inbound as the MHS adaptor delivers it from the old practice: the real
     * message's sender (ebXML From party, HL7 sending system) rewritten to the directory's entry for
     * it, because the adaptor may speak only for the practices the directory gives it.
     */
    private void post(String envelope) {
        String fromThere = FROM_PARTY.matcher(envelope).replaceFirst("$1" + THERE + "-1");
        fromThere = SENDING_ASID.matcher(fromThere).replaceFirst("$1" + asid(THERE));
        asMhs(app).contentType("application/json").body(fromThere.getBytes(UTF_8)).post("mhs/inbound")
                .then().statusCode(202);
    }

    private static String asid(String ods) {
        return "9000000" + ods.substring(1);
    }

    private JsonPath waitFor(String conversation, Predicate<JsonPath> condition) {
        return waitFor(conversation, condition, Duration.ofSeconds(30));
    }

    private JsonPath waitFor(String conversation, Predicate<JsonPath> condition, Duration patience) {
        return Eventually.until("transfer " + conversation, patience, () -> asAdmin(app)
                .get("api/v1/transfers/" + conversation + "?role=REQUESTER").then().statusCode(200)
                .extract().jsonPath(), condition);
    }

    /** One real conversation of the fixtures: the core extract (uk06.json) and its COPC messages. */
    private record Fixture(String name, String core, Map<String, String> copcs) {

        static Fixture load(String name) throws IOException {
            FixtureTable.assumePresent();
            Path folder = FixtureTable.ROOT.resolve("large-message").resolve(name);
            String core = Files.readString(folder.resolve("uk06.json"));
            Map<String, String> copcs = new LinkedHashMap<>();
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(f -> !f.getFileName().toString().equals("uk06.json")).sorted().toList()) {
                    String copc = Files.readString(file);
                    copcs.put(messageId(copc), copc);
                }
            }
            return new Fixture(name, core, copcs);
        }

        /** The order a sender sends them: the core, then each COPC as the manifests name them. */
        List<String> inOrder() {
            List<String> messages = new ArrayList<>();
            messages.add(core);
            addNamedBy(core, messages);
            return messages;
        }

        private void addNamedBy(String message, List<String> messages) {
            for (Map<String, Object> external : externals(message)) {
                String copc = copcs.get(((String) external.get("message_id")).toUpperCase());
                if (copc != null) {
                    messages.add(copc);
                    addNamedBy(copc, messages);
                }
            }
        }

        String coreMessageId() {
            return messageId(core);
        }

        /** The placeholders the fixtures carry, filled in for this transfer. */
        String withIds(String message, String conversation, String nhsNumber) {
            return message.replace("{{conversationId}}", conversation).replace("{{nhsNumber}}", nhsNumber);
        }

        /**
         * The test's own oracle (protocol 4.4): each attachment the core names, its pieces' text
         * joined in manifest order, base64-decoded when they travelled so, gunzipped when compressed.
         */
        Map<String, byte[]> attachments() throws IOException {
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            for (Map<String, Object> external : externals(core)) {
                String id = ((String) external.get("message_id")).toUpperCase();
                StringBuilder text = new StringBuilder();
                boolean[] base64 = {false};
                pieces(id, text, base64);
                byte[] bytes = base64[0] ? Base64.getMimeDecoder().decode(text.toString())
                        : text.toString().getBytes(UTF_8);
                if (String.valueOf(external.get("description")).matches("(?s).*Compressed=Yes.*")) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                        bytes = in.readAllBytes();
                    }
                }
                attachments.put(id, bytes);
            }
            return attachments;
        }

        private void pieces(String messageId, StringBuilder text, boolean[] base64) {
            String copc = copcs.get(messageId);
            JsonPath json = new JsonPath(copc);
            List<Map<String, Object>> inline = json.getList("attachments");
            for (Map<String, Object> part : inline == null ? List.<Map<String, Object>>of() : inline) {
                text.append(part.get("payload"));
                base64[0] = "true".equalsIgnoreCase(String.valueOf(part.get("is_base64")));
            }
            for (Map<String, Object> external : externals(copc)) {
                pieces(((String) external.get("message_id")).toUpperCase(), text, base64);
            }
        }

        private static List<Map<String, Object>> externals(String message) {
            List<Map<String, Object>> externals = new JsonPath(message).getList("external_attachments");
            return externals == null ? List.of() : externals;
        }

        static String messageId(String message) {
            Matcher m = MESSAGE_ID.matcher(new JsonPath(message).getString("ebXML"));
            assertTrue(m.find(), "an ebXML MessageId");
            return m.group(1).toUpperCase();
        }
    }
}

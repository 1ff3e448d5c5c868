package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.transfer.AckType;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transfer.ExternalPart;
import uk.nhs.gp2gp.transfer.InlineAttachment;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The end-to-end proof of the hub behind the real MHS adaptor, on one node of its own: every
 * outbound message goes to {@link FakeMhsAdaptor}, which checks it as the adaptor's outbound API does
 * (gp2gp.transport=mhs), and every inbound message is published to RabbitMQ's AMQP 1.0 queue as the
 * adaptor's inbound service publishes it (the JSON envelope as an AMQP value string, or a data
 * section; application properties message-id and correlation-id), consumed through a relay the test
 * can cut. Both roles travel whole through the queue: small and large records (skeleton, fragments),
 * a .docx and an empty file, to a requester the directory does not list whose party key is not its
 * ODS code. A message again is processed once; a poison message reaches the dead-letter queue and the
 * console; the broker away makes the node not ready, and what waited meanwhile is taken when it is
 * back. Needs RabbitMQ at 127.0.0.1:5672 (guest/guest, rabbitmq_amqp1_0 enabled): skipped without
 * it, failed without it when CI=true.
 */
@Tag("database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OwnServers
class MhsAdaptorIT {

    private static final String HOSTED = "Q99751";
    private static final String REMOTE = "Q99752";
    /** Not in the directory; its party key's prefix is not its ODS code (as YGM24-820388 is M85019's). */
    private static final Party UNLISTED = new Party("Q99753", "900000099753", "XYZ24-820388");
    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 5672;
    private static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password");
    private static final String MHS_SECRET = "mhs-adaptor-secret-" + UUID.randomUUID();
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final ConversationCodec CODEC = new ConversationCodec(Clock.systemUTC());
    private static final TestPatients PATIENTS = new TestPatients(999_076_000);
    /** The hub's attempts at a message that fails for a technical reason before it is set aside (3 here, quickly). */
    private static final int MAX_ATTEMPTS = 3;
    /** Small, so that a record of a few tens of KB goes as a skeleton and its .docx in fragments. */
    private static final int SKELETON_THRESHOLD = 20_000;
    private static final int FRAGMENT_SIZE = 8_192;
    private static final String EXTRACT = "RCMR_IN030000UK06";
    private static final String REQUEST = "RCMR_IN010000UK05";
    private static final String ACK = "MCCI_IN010000UK13";
    private static final String COPC = "COPC_IN000001UK01";
    private static final Pattern EHR_REQUEST_ID = Pattern.compile("<EhrRequest[^>]*>\\s*<id root=\"([^\"]+)\"");

    /** Names of this run only: runs and other machines' tests never see each other's messages. */
    private static final String QUEUE = "gp2gp-it-inbound-" + UUID.randomUUID();
    private static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";

    private static FakeMhsAdaptor adaptor;
    private static TcpProxy relay;
    private static PeerInstance node;
    private static Connection mhs;
    private static Session publishing;

    @BeforeAll
    static void start() throws Exception {
        requireBroker();
        // The MHS adaptor's side: plain queue addresses, as its proton sender uses (RabbitMQ 3.x declares them).
        JmsConnectionFactory factory = new JmsConnectionFactory("guest", "guest",
                "amqp://" + BROKER_HOST + ":" + BROKER_PORT);
        factory.setValidatePropertyNames(false);
        factory.setReceiveLocalOnly(true);
        mhs = factory.createConnection();
        mhs.start();
        publishing = mhs.createSession(Session.AUTO_ACKNOWLEDGE);
        publishing.createConsumer(publishing.createQueue(QUEUE)).close();
        publishing.createConsumer(publishing.createQueue(DEAD_LETTER_QUEUE)).close();

        adaptor = FakeMhsAdaptor.start();
        relay = new TcpProxy(BROKER_HOST, BROKER_PORT);
        // The hub as in production on RabbitMQ 3.x: queues that exist, addressed /amq/queue/NAME.
        Map<String, String> settings = new HashMap<>(Map.of(
                "GP2GP_INBOUND_AMQP_BROKERS", "amqp://127.0.0.1:" + relay.port(),
                "GP2GP_INBOUND_AMQP_QUEUE", QUEUE,
                "GP2GP_INBOUND_AMQP_DEAD_LETTER_QUEUE", DEAD_LETTER_QUEUE,
                "GP2GP_INBOUND_AMQP_ADDRESS_PREFIX", "/amq/queue/",
                "GP2GP_INBOUND_AMQP_USERNAME", "guest",
                "GP2GP_INBOUND_AMQP_PASSWORD", "guest",
                "GP2GP_INBOUND_AMQP_MAX_ATTEMPTS", String.valueOf(MAX_ATTEMPTS),
                "GP2GP_INBOUND_AMQP_RETRY_DELAY", "PT0.2S"));
        settings.putAll(Map.of(
                "GP2GP_TRANSPORT", "mhs",
                "GP2GP_MHS_OUTBOUND_URL", adaptor.url(),
                "GP2GP_INBOUND_SHARED_SECRET", MHS_SECRET,
                "GP2GP_SENDER_SKELETON_THRESHOLD", String.valueOf(SKELETON_THRESHOLD),
                "GP2GP_SENDER_FRAGMENT_SIZE", String.valueOf(FRAGMENT_SIZE)));
        Optional<OwnDatabase> database = OwnDatabase.postgresql("mhs_adaptor");
        node = database.isPresent()
                ? PeerInstance.start("mhs-adaptor", database.get().url(), database.get().user(),
                        database.get().password(), settings)
                : PeerInstance.startInMemory("mhs-adaptor", settings);
        practice(HOSTED, true);
        practice(REMOTE, false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (adaptor != null) {
            adaptor.close();
        }
        if (mhs != null) {
            mhs.close();
        }
    }

    @Test
    @Order(1)
    void readyOnlyOnceTheQueueIsConsumed() {
        RestAssured.given().baseUri(node.url()).get("/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'mhs-inbound-queue' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }

    @Test
    @Order(2)
    void aRequestPublishedAsTheMhsAdaptorDoesIsTakenOnce() throws Exception {
        OutboundMessage request = request("9990075018");

        publish(text(request));
        awaitSenderSide(request.conversationId());
        publish(text(request));

        Eventually.until("the message again answered as a duplicate", Duration.ofSeconds(60),
                () -> outcomes(request.messageId()).contains("DUPLICATE"));
        assertEquals("PROCESSED,DUPLICATE", outcomes(request.messageId()));
    }

    /**
     * A crash between the commit and the acknowledgement, as the broker sees it: the node processes a
     * message, but its acknowledgement never arrives and its connection drops. The broker gives the
     * message back on the next connection, and the door, which remembers in the database, takes it once.
     */
    @Test
    @Order(3)
    void aMessageWhoseAcknowledgementWasLostComesBackAndIsProcessedOnce() throws Exception {
        OutboundMessage request = request(PATIENTS.next());
        relay.loseWhatClientsSend();

        publish(text(request));
        Eventually.until("the request processed", Duration.ofSeconds(60),
                () -> outcomes(request.messageId()).contains("PROCESSED"));
        relay.cut();
        relay.restore();

        Eventually.until("the message given back answered as a duplicate", Duration.ofSeconds(60),
                () -> outcomes(request.messageId()).contains("DUPLICATE"));
        assertEquals("PROCESSED,DUPLICATE", outcomes(request.messageId()));
        assertEquals(1, adaptor.awaitAccepted(request.conversationId(), 1, Duration.ofSeconds(60)).size(),
                "answered once (the patient is not registered there: a NACK), not twice");
    }

    @Test
    @Order(4)
    void aDataSectionBodyIsTakenToo() throws Exception {
        OutboundMessage request = request("9990075026");
        BytesMessage message = publishing.createBytesMessage();
        message.writeBytes(request.envelope());
        properties(message, request);

        publish(message);

        awaitSenderSide(request.conversationId());
    }

    /** Through /mhs/inbound, the door the adaptor may also use: what goes out is what the adaptor accepts. */
    @Test
    @Order(5)
    void aRecordWithADocxAndAnEmptyFileGoesOutAsTheAdaptorAcceptsIt() {
        String patient = "9990070091";
        storeRecord(patient, TransferIT.bareExtract(patient), "PK-synthetic-docx");
        DeployedWar.registeredAt(node.asAdmin(), patient, REMOTE, HOSTED);

        String conversation = UUID.randomUUID().toString().toUpperCase();
        OutboundMessage request = CODEC.ehrRequest(conversation, "REQ-" + conversation, patient, party(REMOTE),
                party(HOSTED));
        RestAssured.given().baseUri(node.url()).contentType("application/json").header("X-GP2GP-Peer-Secret",
                MHS_SECRET).body(request.envelope()).post("/mhs/inbound").then().statusCode(202);

        List<FakeMhsAdaptor.Request> sent = adaptor.awaitAccepted(conversation, 2, Duration.ofSeconds(60));
        assertEquals(List.of(), adaptor.refused(), "the adaptor refused nothing");
        assertEquals(List.of(EXTRACT, ACK), interactions(sent), "the extract, then the request's acknowledgement");
        assertEquals(REMOTE, sent.get(0).header("ods-code"));
        assertDocxAndEmptyFileAsTheAdaptorTakesThem(sent.get(0).json().getJsonArray("attachments"));
    }

    /**
     * Sender role, small: a requester the directory does not list asks through the queue; the extract
     * (a .docx and an empty file inline) and the request's AA go where the request came from, routed by
     * its ODS code; its positive acknowledgement, through the queue, completes the transfer.
     */
    @Test
    @Order(6)
    void anUnlistedRequesterGetsASmallRecordThroughTheAdaptorAndItsAcknowledgementCompletesIt() throws Exception {
        String patient = PATIENTS.next();
        storeRecord(patient, TransferIT.bareExtract(patient), "PK-synthetic-docx");
        OutboundMessage request = unlistedRequest(patient);

        publish(text(request));

        List<FakeMhsAdaptor.Request> sent = adaptor.awaitAccepted(request.conversationId(), 2, Duration.ofSeconds(60));
        assertSent(request.conversationId(), List.of(EXTRACT, ACK), sent);
        assertRoutedToTheUnlistedRequester(sent);
        FakeMhsAdaptor.Request extract = sent.stream().filter(r -> EXTRACT.equals(r.header("Interaction-Id")))
                .findFirst().orElseThrow();
        assertDocxAndEmptyFileAsTheAdaptorTakesThem(extract.json().getJsonArray("attachments"));

        acknowledgedByTheRequesterAndComplete(request, extract.header("Message-Id"));
    }

    /**
     * Sender role, large: the extract's HL7 is over the skeleton threshold, so a skeleton goes out; the
     * continue request, through the queue, brings the original (gzipped), the .docx as a fragment index
     * and fragments, and the empty file, then the request's AA after the last document; the requester's
     * acknowledgement completes it.
     */
    @Test
    @Order(7)
    void anUnlistedRequesterGetsALargeRecordAsSkeletonAndFragmentsThroughTheAdaptor() throws Exception {
        String patient = PATIENTS.next();
        storeRecord(patient, longNotes(patient), "PK-synthetic-docx ".repeat(600));
        OutboundMessage request = unlistedRequest(patient);

        publish(text(request));

        FakeMhsAdaptor.Request skeleton = adaptor.awaitAccepted(request.conversationId(), 1, Duration.ofSeconds(60))
                .get(0);
        assertEquals(EXTRACT, skeleton.header("Interaction-Id"));
        assertFalse(skeleton.json().getString("payload").contains("END-OF-NOTES"), "a skeleton, not the notes");
        JsonArray announced = skeleton.json().getJsonArray("external_attachments");
        assertEquals(3, announced.size(), "the .docx, the empty file and the original extract: " + announced);

        publish(text(CODEC.continueRequest(request.conversationId(), UNLISTED, party(HOSTED),
                skeleton.header("Message-Id"))));

        // The original, the .docx's index and its 2 fragments (14,400 characters of base64 in 8,192), the empty file.
        List<FakeMhsAdaptor.Request> sent = adaptor.awaitAccepted(request.conversationId(), 7, Duration.ofSeconds(60));
        assertSent(request.conversationId(), List.of(EXTRACT, COPC, COPC, COPC, COPC, COPC, ACK), sent);
        assertRoutedToTheUnlistedRequester(sent);

        acknowledgedByTheRequesterAndComplete(request, skeleton.header("Message-Id"));
    }

    /**
     * Requester role, small: the hub's request reaches the adaptor; the extract (a .docx inline) comes
     * through the queue; integrated, and the final acknowledgement goes out through the adaptor.
     */
    @Test
    @Order(8)
    void theHubAsksARemotePracticeAndASmallExtractArrivesThroughTheQueue() throws Exception {
        String patient = PATIENTS.next();
        String conversation = OneNodeTransfers.askForRecord(node, patient, HOSTED, REMOTE);
        String ehrRequestId = ehrRequestSent(conversation);
        String docx = Base64.getEncoder().encodeToString("PK-synthetic-docx".getBytes(UTF_8));
        OutboundMessage extract = CODEC.extract(conversation, ehrRequestId, record(TransferIT.bareExtract(patient)),
                List.of(new InlineAttachment("letter@practice", "application/octet-stream", true,
                        "Filename=\"letter.docx\" ContentType=" + DOCX, docx)), party(REMOTE), party(HOSTED));

        publish(text(extract));

        JsonPath ready = OneNodeTransfers.await(node, conversation, "REQUESTER",
                t -> "READY_TO_INTEGRATE".equals(t.getString("status")), 60);
        assertEquals(List.of("letter.docx"), ready.getList("attachments.filename"));
        assertArrayEquals("PK-synthetic-docx".getBytes(UTF_8), node.asAdmin().get("api/v1/transfers/" + conversation
                + "/attachments/" + ready.getString("attachments[0].contentId")).then().statusCode(200)
                .extract().asByteArray());
        integratedAndAcknowledged(conversation, extract.messageId());
    }

    /**
     * Requester role, large: a skeleton announcing a .docx and the original; the hub asks to continue
     * through the adaptor; both COPCs come through the queue and the original replaces the skeleton.
     */
    @Test
    @Order(9)
    void theHubAsksARemotePracticeAndALargeRecordArrivesAsSkeletonAndParts() throws Exception {
        String patient = PATIENTS.next();
        String conversation = OneNodeTransfers.askForRecord(node, patient, HOSTED, REMOTE);
        String ehrRequestId = ehrRequestSent(conversation);
        byte[] letter = "PK-synthetic-docx, large record".getBytes(UTF_8);
        String letterId = MessageIds.newId();
        ConversationCodec.LargeExtract extract = CODEC.largeExtract(conversation, ehrRequestId,
                record(longNotes(patient)), patient, List.of(new ExternalPart(letterId, AttachmentDescription.format(
                        "letter.docx", DOCX, false, false, true, (long) base64(letter).length(), false))),
                party(REMOTE), party(HOSTED), SKELETON_THRESHOLD, FRAGMENT_SIZE);
        assertTrue(extract.isSkeleton());

        publish(text(extract.message()));

        FakeMhsAdaptor.Request continueRequest = adaptor.awaitAccepted(conversation, 2, Duration.ofSeconds(60)).get(1);
        assertEquals(COPC, continueRequest.header("Interaction-Id"), "the continue request");
        assertEquals(REMOTE, continueRequest.header("ods-code"));
        publish(text(CODEC.filePart(conversation, party(REMOTE), party(HOSTED), letterId, "letter.docx", DOCX,
                base64(letter))));
        publish(text(CODEC.filePart(conversation, party(REMOTE), party(HOSTED), extract.originalPart().messageId(),
                AttachmentDescription.parse(extract.originalPart().description()).filename(), "text/xml",
                base64(extract.gzippedOriginal()))));

        JsonPath ready = OneNodeTransfers.await(node, conversation, "REQUESTER",
                t -> "READY_TO_INTEGRATE".equals(t.getString("status")), 60);
        assertEquals(3, ready.getInt("progress.partsExpected"), "the skeleton, the .docx and the original");
        assertEquals(3, ready.getInt("progress.partsReceived"));
        assertEquals(List.of("letter.docx"), ready.getList("attachments.filename"));
        assertTrue(node.asAdmin().get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(200).extract()
                .asString().contains("END-OF-NOTES"), "the whole original, not the skeleton");
        integratedAndAcknowledged(conversation, extract.message().messageId());
    }

    @Test
    @Order(10)
    void aPoisonMessageIsSetAsideOnTheDeadLetterQueueAndShownToOperators() throws Exception {
        String messageId = UUID.randomUUID().toString().toUpperCase();
        String conversation = UUID.randomUUID().toString().toUpperCase();
        byte[] body = "<html>Bad gateway</html>".getBytes(UTF_8);
        BytesMessage poison = publishing.createBytesMessage();
        poison.writeBytes(body);
        poison.setStringProperty("message-id", messageId);
        poison.setStringProperty("correlation-id", conversation);

        publish(poison);

        Message setAside;
        try (MessageConsumer deadLetters = publishing.createConsumer(publishing.createQueue(DEAD_LETTER_QUEUE))) {
            setAside = deadLetters.receive(Duration.ofSeconds(60).toMillis());
        }
        assertNotNull(setAside, "the poison message on " + DEAD_LETTER_QUEUE);
        assertArrayEquals(body, setAside.getBody(byte[].class));
        assertEquals(messageId, setAside.getStringProperty("message-id"));
        assertEquals(conversation, setAside.getStringProperty("correlation-id"));
        assertEquals(1, setAside.getIntProperty("gp2gp-attempts"), "refused by the door: set aside at once, no retry");
        assertTrue(setAside.getStringProperty("gp2gp-dead-letter-reason").startsWith("Refused (REFUSED): Unreadable"),
                setAside.getStringProperty("gp2gp-dead-letter-reason"));

        try (ConsoleBrowser browser = new ConsoleBrowser(URI.create(node.url()).toURL(), 1280, 900)) {
            browser.signIn("admin", ADMIN_PASSWORD);
            browser.click(By.id("nav-inbound-queue"));
            String page = browser.text(By.id("content"));
            assertTrue(page.contains("Consuming /amq/queue/" + QUEUE), page);
            assertTrue(page.contains(messageId) && page.contains(conversation), page);
            assertTrue(page.contains("Refused (REFUSED)"), page);
            browser.screenshot("inbound-queue");
        }
    }

    /** Last: it takes the broker away. */
    @Test
    @Order(11)
    void withTheBrokerAwayNotReadyAndWhatWaitedIsTakenWhenItIsBack() throws Exception {
        relay.cut();
        Eventually.until("not ready while the broker is away", Duration.ofSeconds(60), () -> readiness() == 503);
        // The node holds nothing now: had it not acknowledged what it took, the broker would give it back.
        try (MessageConsumer leftOver = publishing.createConsumer(publishing.createQueue(QUEUE))) {
            assertNull(leftOver.receive(2000), "every message taken was acknowledged");
        }
        OutboundMessage waiting = request("9990075034");
        publish(text(waiting));

        relay.restore();

        Eventually.until("ready again", Duration.ofSeconds(60), () -> readiness() == 200);
        awaitSenderSide(waiting.conversationId());
    }

    private static void requireBroker() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), 2000);
        } catch (IOException none) {
            String why = "no RabbitMQ (AMQP 1.0) answers at " + BROKER_HOST + ":" + BROKER_PORT;
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but " + why + ": the inbound queue tests must run");
            }
            assumeTrue(false, "SKIPPED: the inbound queue tests (" + why + ")");
        }
    }

    private static TextMessage text(OutboundMessage message) throws JMSException {
        TextMessage text = publishing.createTextMessage(new String(message.envelope(), UTF_8));
        properties(text, message);
        return text;
    }

    /** The application properties the MHS adaptor sets: the ebXML MessageId and ConversationId. */
    private static void properties(Message message, OutboundMessage of) throws JMSException {
        message.setStringProperty("message-id", of.messageId());
        message.setStringProperty("correlation-id", of.conversationId());
    }

    private static void publish(Message message) throws JMSException {
        publishing.createProducer(publishing.createQueue(QUEUE)).send(message);
    }

    /** The remote practice's request for a record at the practice hosted here, as the MHS adaptor passes it on. */
    private static OutboundMessage request(String nhsNumber) {
        String conversation = UUID.randomUUID().toString().toUpperCase();
        return CODEC.ehrRequest(conversation, "REQ-" + conversation, nhsNumber, party(REMOTE), party(HOSTED));
    }

    /** The unlisted practice's request for its new patient's record, who is registered there. */
    private static OutboundMessage unlistedRequest(String patient) {
        DeployedWar.registeredAt(node.asAdmin(), patient, UNLISTED.odsCode(), HOSTED);
        String conversation = UUID.randomUUID().toString().toUpperCase();
        return CODEC.ehrRequest(conversation, "REQ-" + conversation, patient, UNLISTED, party(HOSTED));
    }

    private static Party party(String ods) {
        return new Party(ods, "9000000" + ods.substring(1), ods + "-1");
    }

    private static void practice(String ods, boolean hosted) {
        node.asAdmin().contentType("application/json")
                .body("{\"name\": \"MHS test " + ods + "\", \"asid\": \"" + party(ods).asid() + "\", \"partyKey\": \""
                        + party(ods).partyKey() + "\", \"hosted\": " + hosted + "}")
                .put("/api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
    }

    /** The hosted practice stores the patient's record: its extract, a .docx with this content and an empty file. */
    private static void storeRecord(String patient, String extract, String docx) {
        String boundary = "mhs-outbound-boundary";
        String record = "--" + boundary + "\r\nContent-Type: application/xml\r\n\r\n" + extract
                + "\r\n--" + boundary + "\r\nContent-Id: <letter@practice>\r\nContent-Type: " + DOCX + "\r\n"
                + "Content-Description: Filename=\"letter.docx\" ContentType=" + DOCX + "\r\n\r\n" + docx
                + "\r\n--" + boundary + "\r\nContent-Id: <empty@practice>\r\nContent-Type: application/pdf\r\n"
                + "Content-Description: Filename=\"empty.pdf\" ContentType=application/pdf\r\n\r\n"
                + "\r\n--" + boundary + "--\r\n";
        node.asAdmin().contentType("multipart/related; type=\"application/xml\"; boundary=" + boundary)
                .body(record.getBytes(UTF_8)).put("/api/v1/practices/" + HOSTED + "/records/" + patient)
                .then().statusCode(oneOf(201, 204));
    }

    /** A bare extract whose notes make its HL7 longer than the skeleton threshold. */
    private static String longNotes(String patient) {
        String notes = "Synthetic consultation note, no real patient. ".repeat(SKELETON_THRESHOLD / 40) + "END-OF-NOTES";
        return TransferIT.bareExtract(patient).replace("</ehrFolder>", """
                <component typeCode="COMP"><ehrComposition classCode="COMPOSITION" moodCode="EVN">
                  <id root="0A1B2C3D-0000-4000-8000-000000000003"/><component typeCode="COMP">
                  <NarrativeStatement classCode="OBS" moodCode="EVN"><id root="0A1B2C3D-0000-4000-8000-000000000004"/>
                  <text>%s</text></NarrativeStatement></component></ehrComposition></component></ehrFolder>"""
                .formatted(notes));
    }

    private static ByteArrayInputStream record(String extract) {
        return new ByteArrayInputStream(extract.getBytes(UTF_8));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static List<String> interactions(List<FakeMhsAdaptor.Request> sent) {
        return sent.stream().map(r -> r.header("Interaction-Id")).toList();
    }

    /**
     * The hub sent these, in this order (its timeline: the request's AA after the last document), and
     * each reached the adaptor, the AA last. The documents themselves may reach it in any order: up to
     * four outbox drains deliver at once, but an acknowledgement waits for what was queued before it.
     */
    private static void assertSent(String conversation, List<String> inOrder, List<FakeMhsAdaptor.Request> sent) {
        assertEquals(inOrder, node.asAdmin().get("api/v1/transfers/" + conversation + "?role=SENDER").jsonPath()
                .getList("timeline.findAll { it.direction == 'OUT' }.interactionId"), "what the hub sent, in order");
        assertEquals(inOrder.stream().sorted().toList(), interactions(sent).stream().sorted().toList(),
                "every one accepted by the adaptor");
        assertEquals(ACK, interactions(sent).getLast(), "the request's AA reached the adaptor after every document");
    }

    /** Everything went to the party key and ASID the request came from, routed by its ODS code. */
    private static void assertRoutedToTheUnlistedRequester(List<FakeMhsAdaptor.Request> sent) {
        for (FakeMhsAdaptor.Request r : sent) {
            assertEquals(UNLISTED.odsCode(), r.header("ods-code"), "routed by the requester's ODS code, not its key");
            assertTrue(r.json().getString("payload").contains(UNLISTED.asid()), "to the ASID the request came from");
        }
    }

    /** The .docx as octet-stream, its real type in the description; the empty file as its absent-attachment text. */
    private static void assertDocxAndEmptyFileAsTheAdaptorTakesThem(JsonArray attachments) {
        assertEquals(2, attachments.size());
        JsonObject letter = attachments.getJsonObject(0);
        assertEquals("application/octet-stream", letter.getString("content_type"));
        assertTrue(letter.getString("description").contains("ContentType=" + DOCX), letter.toString());
        JsonObject empty = attachments.getJsonObject(1);
        assertEquals("text/plain", empty.getString("content_type"));
        assertTrue(new String(Base64.getDecoder().decode(empty.getString("payload")), UTF_8)
                .startsWith("The file could not be included with the Electronic Record"));
    }

    /** The requester's AA on the extract, through the queue, completes the sender's transfer; nothing was refused. */
    private static void acknowledgedByTheRequesterAndComplete(OutboundMessage request, String extractMessageId)
            throws JMSException {
        publish(text(CODEC.acknowledgement(request.conversationId(), UNLISTED, party(HOSTED), extractMessageId,
                AckType.AA, null)));
        OneNodeTransfers.await(node, request.conversationId(), "SENDER", t -> "COMPLETE".equals(t.getString("status")),
                60);
        assertEquals(List.of(), adaptor.refused(), "the adaptor refused nothing");
    }

    /** The EhrRequest id of the hub's request in the conversation, as it reached the adaptor. */
    private static String ehrRequestSent(String conversation) {
        FakeMhsAdaptor.Request request = adaptor.awaitAccepted(conversation, 1, Duration.ofSeconds(60)).get(0);
        assertEquals(REQUEST, request.header("Interaction-Id"));
        assertEquals(REMOTE, request.header("ods-code"));
        Matcher id = EHR_REQUEST_ID.matcher(request.json().getString("payload"));
        assertTrue(id.find(), "the request names its EhrRequest id");
        return id.group(1);
    }

    /** The partner integrates the record: the final AA on the extract goes out through the adaptor. */
    private static void integratedAndAcknowledged(String conversation, String extractMessageId) {
        node.asAdmin().contentType("application/json").body("{\"outcome\": \"INTEGRATED\"}")
                .post("api/v1/transfers/" + conversation + "/outcome").then().statusCode(200);
        Eventually.until("the final acknowledgement of " + conversation + " accepted", Duration.ofSeconds(60),
                () -> adaptor.accepted(conversation).stream().anyMatch(r -> ACK.equals(r.header("Interaction-Id"))
                        && r.json().getString("payload").toUpperCase().contains(extractMessageId.toUpperCase())
                        && r.json().getString("payload").contains("typeCode=\"AA\"")));
        assertEquals(List.of(), adaptor.refused(), "the adaptor refused nothing");
    }

    private static void awaitSenderSide(String conversation) {
        Eventually.until("the request of " + conversation + " taken", Duration.ofSeconds(60),
                () -> node.asAdmin().get("/api/v1/transfers/" + conversation + "?role=SENDER").statusCode() == 200);
    }

    /** The door's outcomes for one message id, in order, as the node logged them. */
    private static String outcomes(String messageId) throws IOException {
        Matcher outcome = Pattern.compile(Pattern.quote(messageId) + ": (PROCESSED|DUPLICATE)").matcher(node.log());
        StringBuilder seen = new StringBuilder();
        while (outcome.find()) {
            seen.append(seen.isEmpty() ? "" : ",").append(outcome.group(1));
        }
        return seen.toString();
    }

    private static int readiness() {
        try {
            return RestAssured.given().baseUri(node.url()).get("/health/ready").statusCode();
        } catch (RuntimeException noAnswer) {
            return -1;
        }
    }
}

package uk.nhs.gp2gp.it;

import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.restassured.RestAssured;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The hub behind the real MHS adaptor: inbound messages arrive on RabbitMQ's AMQP 1.0 queue as the
 * adaptor's inbound service publishes them (the JSON envelope as an AMQP value string, or a data
 * section; application properties message-id and correlation-id), on one node of its own consuming
 * through a relay the test can cut. Taken and acknowledged; a message again is processed once; a
 * poison message reaches the dead-letter queue and the console; the broker away makes the node not
 * ready, and what waited meanwhile is taken when it is back. Needs RabbitMQ at 127.0.0.1:5672
 * (guest/guest, rabbitmq_amqp1_0 enabled): skipped without it, failed without it when CI=true.
 */
@Tag("database")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OwnServers
class InboundQueueIT {

    private static final String HOSTED = "Q99751";
    private static final String REMOTE = "Q99752";
    private static final String BROKER_HOST = "127.0.0.1";
    private static final int BROKER_PORT = 5672;
    private static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password");
    private static final ConversationCodec CODEC = new ConversationCodec(Clock.systemUTC());
    /** The hub's attempts at one message before it is set aside (3 here, quickly). */
    private static final int MAX_ATTEMPTS = 3;

    /** Names of this run only: runs and other machines' tests never see each other's messages. */
    private static final String QUEUE = "gp2gp-it-inbound-" + UUID.randomUUID();
    private static final String DEAD_LETTER_QUEUE = QUEUE + ".dlq";

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
        String url = System.getenv().getOrDefault("GP2GP_DB_URL", "");
        node = url.startsWith("jdbc:postgresql:")
                ? PeerInstance.start("inbound-queue", url, System.getenv("GP2GP_DB_USER"),
                        System.getenv().getOrDefault("GP2GP_DB_PASSWORD", ""), settings)
                : PeerInstance.startInMemory("inbound-queue", settings);
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

    @Test
    @Order(3)
    void aDataSectionBodyIsTakenToo() throws Exception {
        OutboundMessage request = request("9990075026");
        BytesMessage message = publishing.createBytesMessage();
        message.writeBytes(request.envelope());
        properties(message, request);

        publish(message);

        awaitSenderSide(request.conversationId());
    }

    @Test
    @Order(4)
    void aPoisonMessageIsSetAsideOnTheDeadLetterQueueAndShownToOperators() throws Exception {
        String messageId = UUID.randomUUID().toString().toUpperCase();
        String conversation = UUID.randomUUID().toString().toUpperCase();
        byte[] body = "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8);
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
        assertEquals(MAX_ATTEMPTS, setAside.getIntProperty("gp2gp-attempts"));
        assertTrue(setAside.getStringProperty("gp2gp-dead-letter-reason").startsWith("Refused (REFUSED): Unreadable"),
                setAside.getStringProperty("gp2gp-dead-letter-reason"));

        try (ConsoleBrowser browser = new ConsoleBrowser(URI.create(node.url()).toURL(), 1280, 900)) {
            browser.signIn("admin", ADMIN_PASSWORD);
            browser.click(By.id("nav-inbound-queue"));
            String page = browser.text(By.id("content"));
            assertTrue(page.contains("Consuming /amq/queue/" + QUEUE), page);
            assertTrue(page.contains(messageId) && page.contains(conversation), page);
            assertTrue(page.contains("Unreadable"), page);
            browser.screenshot("inbound-queue");
        }
    }

    @Test
    @Order(5)
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
        TextMessage text = publishing.createTextMessage(new String(message.envelope(), StandardCharsets.UTF_8));
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

    private static Party party(String ods) {
        return new Party(ods, "9000000" + ods.substring(1), ods + "-1");
    }

    private static void practice(String ods, boolean hosted) {
        node.asAdmin().contentType("application/json")
                .body("{\"name\": \"Queue test " + ods + "\", \"asid\": \"9000000" + ods.substring(1)
                        + "\", \"partyKey\": \"" + ods + "-1\", \"hosted\": " + hosted + "}")
                .put("/api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
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

package uk.nhs.gp2gp.mhs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.transfer.InboundDeadLetters;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;

/**
 * What the consumer does with one message, in order: acknowledged only after the door has returned;
 * set aside at once when it will never go better (refused, unreadable, too large); after a technical
 * failure tried again (session recover) while attempts are left (its own or the broker's count); then
 * kept in the database, sent to the dead-letter queue and only then acknowledged; and left on the queue
 * while it cannot be kept. Nothing, not even an Error, ends the consuming thread.
 */
class InboundQueueConsumerTest {

    private static final int MAX_ATTEMPTS = 3;

    private final List<String> steps = new ArrayList<>();
    private final Map<String, Object> deadLetterProperties = new HashMap<>();

    @Test
    void aProcessedMessageIsAcknowledgedAfterTheDoorReturned() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> InboundOutcome.processed("taken"));

        consumer.take(text("ID:1"), session(), deadLetterQueue());

        assertEquals(List.of("receive MHS", "acknowledge"), steps);
    }

    @Test
    void aDuplicateIsAcknowledgedToo() throws Exception {
        InboundQueueConsumer consumer = consumer(InboundOutcome::duplicate);

        consumer.take(text("ID:1"), session(), deadLetterQueue());

        assertEquals(List.of("receive MHS", "acknowledge"), steps);
    }

    @Test
    void aFailingMessageIsTriedAgainThenKeptAndDeadLetteredBeforeItIsAcknowledged() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> {
            throw new IllegalStateException("the database is away: 9990000018");
        });
        Message message = text("ID:1");

        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            consumer.take(message, session(), deadLetterQueue());
        }

        assertEquals(List.of("receive MHS", "recover", "receive MHS", "recover", "receive MHS",
                "set aside ID:1 M-1 C-1 after 3: Not processed: IllegalStateException | null", "send", "acknowledge"), steps);
        assertEquals("Not processed: IllegalStateException", deadLetterProperties.get("gp2gp-dead-letter-reason"));
        assertEquals(3, deadLetterProperties.get("gp2gp-attempts"));
        assertEquals("M-1", deadLetterProperties.get("message-id"));
    }

    @Test
    void aRefusedMessageIsSetAsideAtItsFirstAttemptWithTheDoorsDetailKeptButNotInTheReason() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> InboundOutcome.refused("No transfer for conversation C-1"));

        consumer.take(text("ID:1"), session(), deadLetterQueue());

        assertEquals(List.of("receive MHS",
                "set aside ID:1 M-1 C-1 after 1: Refused (REFUSED) | No transfer for conversation C-1", "send",
                "acknowledge"), steps);
        assertEquals("Refused (REFUSED): No transfer for conversation C-1",
                deadLetterProperties.get("gp2gp-dead-letter-reason"));
        assertEquals(1, deadLetterProperties.get("gp2gp-attempts"));
    }

    @Test
    void aForbiddenMessageIsSetAsideAtOnceToo() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> InboundOutcome.forbidden("not your practice"));

        consumer.take(text("ID:1"), session(), deadLetterQueue());

        assertEquals(List.of("receive MHS", "set aside ID:1 M-1 C-1 after 1: Refused (FORBIDDEN) | not your practice",
                "send", "acknowledge"), steps);
    }

    @Test
    void eachMessageHasItsOwnAttempts() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> {
            throw new IllegalStateException("the database is away");
        });

        for (int attempt = 0; attempt < MAX_ATTEMPTS - 1; attempt++) {
            consumer.take(text("ID:1"), session(), deadLetterQueue());
            consumer.take(text("ID:2"), session(), deadLetterQueue());
        }

        assertTrue(steps.stream().noneMatch(step -> step.startsWith("set aside")), steps.toString());
    }

    @Test
    void anErrorOfTheDoorIsCountedAndRetriedLikeAnyFailureNeverLoopingTheMessage() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> {
            throw new StackOverflowError();
        });
        Message message = text("ID:1");

        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            consumer.take(message, session(), deadLetterQueue());
        }

        assertEquals(List.of("receive MHS", "recover", "receive MHS", "recover", "receive MHS",
                "set aside ID:1 M-1 C-1 after 3: Not processed: StackOverflowError | null", "send", "acknowledge"), steps);
    }

    @Test
    void theBrokersDeliveryCountCountsWhenHigherSoACrashingMessageEndsAcrossRestarts() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> {
            throw new IllegalStateException("the JVM died here last time");
        });

        consumer.take(text("ID:1", Map.of("JMSXDeliveryCount", MAX_ATTEMPTS)), session(), deadLetterQueue());

        assertEquals(List.of("receive MHS",
                "set aside ID:1 M-1 C-1 after 3: Not processed: IllegalStateException | null", "send", "acknowledge"), steps);
    }

    @Test
    void whileTheDatabaseCannotKeepItTheMessageStaysOnTheQueue() throws Exception {
        InboundQueueConsumer consumer = new InboundQueueConsumer(receiver(() -> InboundOutcome.refused("no")),
                new InboundDeadLetters() {
                    @Override
                    public void setAside(String queueMessageId, String messageId, String correlationId,
                            byte[] envelope, int attempts, String reason, String detail) {
                        steps.add("set aside failed");
                        throw new IllegalStateException("the database is away");
                    }
                }, settings());
        Message message = text("ID:1");

        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            consumer.take(message, session(), deadLetterQueue());
        }

        assertEquals(List.of("receive MHS", "set aside failed", "recover", "receive MHS", "set aside failed", "recover",
                "receive MHS", "set aside failed", "recover"), steps);
    }

    @Test
    void aMessageThatComesBackAfterItsDeadLetterFailedToSendIsGivenItsAttemptsAgain() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> {
            throw new IllegalStateException("the database is away");
        });
        Message message = text("ID:1");
        MessageProducer unreachable = (MessageProducer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageProducer.class}, (proxy, method, args) -> {
                    throw new JMSException("the connection dropped");
                });
        for (int attempt = 0; attempt < MAX_ATTEMPTS - 1; attempt++) {
            consumer.take(message, session(), deadLetterQueue());
        }
        assertThrows(JMSException.class, () -> consumer.take(message, session(), unreachable));
        steps.clear();

        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            consumer.take(message, session(), deadLetterQueue());
        }

        assertEquals(List.of("receive MHS", "recover", "receive MHS", "recover", "receive MHS",
                "set aside ID:1 M-1 C-1 after 3: Not processed: IllegalStateException | null", "send", "acknowledge"), steps);
    }

    @Test
    void aBodyThatIsNeitherTextNorBytesIsSetAsideAtOnceWithItsRealCount() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> InboundOutcome.processed("never called"));
        Message map = (Message) recording(MapMessage.class, Map.of("getJMSMessageID", "ID:9"));

        consumer.take(map, session(), deadLetterQueue());

        assertEquals(List.of("set aside ID:9 null null after 1: The message body is neither text nor bytes | null",
                "send", "acknowledge"), steps);
    }

    @Test
    void aBodyTheClientCannotReadIsCountedAndSetAsideNotRedeliveredForEver() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> InboundOutcome.processed("never called"));
        Message broken = (Message) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TextMessage.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBody", "getText", "getStringProperty" -> throw new JMSException("cannot decode");
                    case "getJMSMessageID" -> "ID:7";
                    case "getPropertyNames" -> Collections.emptyEnumeration();
                    case "acknowledge" -> {
                        steps.add("acknowledge");
                        yield null;
                    }
                    default -> null;
                });

        consumer.take(broken, session(), deadLetterQueue());

        assertEquals(List.of("set aside ID:7 null null after 1: The message body could not be read (JMSException) | null",
                "send", "acknowledge"), steps);
    }

    @Test
    void aBodyLargerThanTheHttpDoorTakesIsSetAsideAtOnceWithoutReachingTheDoor() throws Exception {
        InboundQueueConsumer consumer = consumer(() -> InboundOutcome.processed("never called"));
        String huge = "Q".repeat(MhsInboundServlet.MAX_BODY_BYTES + 1);

        consumer.take(text("ID:1", Map.of(), huge), session(), deadLetterQueue());

        assertEquals(List.of("set aside ID:1 M-1 C-1 after 1: The message is larger than "
                + MhsInboundServlet.MAX_BODY_BYTES + " bytes | null", "send", "acknowledge"), steps);
    }

    @Test
    void anErrorOutsideAnyMessageDoesNotEndTheConsumer() throws Exception {
        CountDownLatch openedAgain = new CountDownLatch(1);
        AtomicInteger opened = new AtomicInteger();
        InboundQueueConsumer consumer = new InboundQueueConsumer(receiver(() -> InboundOutcome.processed("x")),
                new InboundDeadLetters(), settings()) {
            @Override
            Connection open() throws JMSException {
                if (opened.incrementAndGet() == 1) {
                    throw new NoClassDefFoundError("org/apache/qpid/Missing");
                }
                openedAgain.countDown();
                throw new JMSException("the broker is away");
            }
        };
        consumer.reconnectPause = Duration.ofMillis(1);

        consumer.start(settings(), Thread::new);
        try {
            assertTrue(openedAgain.await(10, TimeUnit.SECONDS), "connected again after the Error");
        } finally {
            consumer.stop();
        }
    }

    private InboundQueueConsumer consumer(Supplier<InboundOutcome> door) {
        return new InboundQueueConsumer(receiver(door), new InboundDeadLetters() {
            @Override
            public void setAside(String queueMessageId, String messageId, String correlationId, byte[] envelope,
                    int attempts, String reason, String detail) {
                steps.add("set aside " + queueMessageId + " " + messageId + " " + correlationId + " after " + attempts
                        + ": " + reason + " | " + detail);
            }
        }, settings());
    }

    private InboundReceiver receiver(Supplier<InboundOutcome> door) {
        return (byte[] envelope, InboundSource source) -> {
            steps.add("receive " + (source == InboundSource.MHS ? "MHS" : source.describe()));
            return door.get();
        };
    }

    private static InboundQueueSettings settings() {
        return new InboundQueueSettings(List.of("amqp://mq:5672"), "inbound", "inbound.dlq", "", null, null,
                MAX_ATTEMPTS, Duration.ofMillis(1));
    }

    private Message text(String queueMessageId) {
        return text(queueMessageId, Map.of());
    }

    private Message text(String queueMessageId, Map<String, Object> brokerProperties) {
        return text(queueMessageId, brokerProperties, "{\"ebXML\": \"\", \"payload\": \"\"}");
    }

    /** A text message as the MHS adaptor publishes it, with the broker's own properties (JMSX...) besides. */
    private Message text(String queueMessageId, Map<String, Object> brokerProperties, String body) {
        Map<String, Object> properties = new HashMap<>(Map.of("message-id", "M-1", "correlation-id", "C-1"));
        properties.putAll(brokerProperties);
        return (Message) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getStringProperty", "getObjectProperty" -> properties.get((String) args[0]);
                    case "getPropertyNames" -> Collections.enumeration(properties.keySet());
                    case "getBody", "getText" -> body;
                    case "getJMSMessageID" -> queueMessageId;
                    case "acknowledge" -> {
                        steps.add("acknowledge");
                        yield null;
                    }
                    default -> null;
                });
    }

    private Session session() {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "recover" -> {
                        steps.add("recover");
                        yield null;
                    }
                    case "createTextMessage", "createBytesMessage", "createMessage" -> deadLetter();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The copy sent to the dead-letter queue: its properties are kept for the assertions. */
    private Message deadLetter() {
        return (Message) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TextMessage.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("set") && method.getName().endsWith("Property")) {
                        deadLetterProperties.put((String) args[0], args[1]);
                    }
                    return null;
                });
    }

    private MessageProducer deadLetterQueue() {
        return (MessageProducer) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageProducer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send")) {
                        steps.add("send");
                    }
                    return null;
                });
    }

    /** A message of {@code type} answering {@code answers} by method name, recording its acknowledgement. */
    private Object recording(Class<?> type, Map<String, Object> answers) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().equals("acknowledge")) {
                        steps.add("acknowledge");
                    }
                    if (method.getName().equals("getPropertyNames")) {
                        return Collections.emptyEnumeration();
                    }
                    return answers.get(method.getName());
                });
    }
}

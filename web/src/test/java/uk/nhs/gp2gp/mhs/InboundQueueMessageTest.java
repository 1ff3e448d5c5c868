package uk.nhs.gp2gp.mhs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The MHS adaptor's inbound queue message as its inbound service publishes it (proton Message: the JSON
 * envelope as an AMQP value string, application properties message-id and correlation-id).
 */
class InboundQueueMessageTest {

    static final String ENVELOPE = "{\"ebXML\": \"<soap:Envelope/>\", \"payload\": \"<RCMR_IN010000UK05/>\", "
            + "\"attachments\": [], \"external_attachments\": []}";

    @Test
    void aTextBodyIsTheEnvelopeAndThePropertiesNameTheMessageAndConversation() throws Exception {
        InboundQueueMessage read = InboundQueueMessage.read(message(TextMessage.class, ENVELOPE, "ID:queue-1",
                Map.of("message-id", "6D5D4DD4-7A1B-4B8B-9B61-0F1B4F3F1A11", "correlation-id", "CONVERSATION-1")));

        assertArrayEquals(ENVELOPE.getBytes(StandardCharsets.UTF_8), read.envelope());
        assertEquals("ID:queue-1", read.queueMessageId());
        assertEquals("6D5D4DD4-7A1B-4B8B-9B61-0F1B4F3F1A11", read.messageId());
        assertEquals("CONVERSATION-1", read.correlationId());
    }

    @Test
    void aBytesBodyIsReadAsTheSameEnvelope() throws Exception {
        byte[] body = ENVELOPE.getBytes(StandardCharsets.UTF_8);

        InboundQueueMessage read = InboundQueueMessage.read(message(BytesMessage.class, body, "ID:queue-2", Map.of()));

        assertArrayEquals(body, read.envelope());
        assertNull(read.messageId());
    }

    @Test
    void withoutABrokerMessageIdTheMhsMessageIdKeysTheAttempts() throws Exception {
        InboundQueueMessage read = InboundQueueMessage.read(message(TextMessage.class, ENVELOPE, null,
                Map.of("message-id", "M-1")));

        assertEquals("mhs:M-1", read.queueMessageId());
    }

    @Test
    void withNoIdAtAllEachBodyHasItsOwnKeyAndTheSameBodyTheSameKey() throws Exception {
        InboundQueueMessage first = InboundQueueMessage.read(message(TextMessage.class, ENVELOPE, null, Map.of()));
        InboundQueueMessage again = InboundQueueMessage.read(message(TextMessage.class, ENVELOPE, null, Map.of()));
        InboundQueueMessage other = InboundQueueMessage.read(message(TextMessage.class, ENVELOPE + " ", null, Map.of()));

        assertEquals(first.queueMessageId(), again.queueMessageId());
        assertNotEquals(first.queueMessageId(), other.queueMessageId());
        assertTrue(first.queueMessageId().startsWith("sha256:"), first.queueMessageId());
    }

    @Test
    void theBrokersDeliveryCountIsReadWhenItGivesOne() throws Exception {
        assertEquals(4, InboundQueueMessage.read(message(TextMessage.class, ENVELOPE, "ID:4", Map.of(),
                Map.of("JMSXDeliveryCount", 4))).deliveryCount());
        assertEquals(0, InboundQueueMessage.read(message(TextMessage.class, ENVELOPE, "ID:4", Map.of())).deliveryCount());
    }

    @Test
    void anyOtherBodyIsUnreadable() throws Exception {
        InboundQueueMessage read = InboundQueueMessage.read(message(MapMessage.class, null, "ID:queue-3", Map.of()));

        assertFalse(read.readable());
    }

    /** A received message of {@code type} as much as the reader uses of it. */
    static Message message(Class<? extends Message> type, Object body, String queueMessageId,
            Map<String, String> properties) {
        return message(type, body, queueMessageId, properties, Map.of());
    }

    /** With the broker's own properties (JMSXDeliveryCount) besides the MHS adaptor's. */
    static Message message(Class<? extends Message> type, Object body, String queueMessageId,
            Map<String, String> properties, Map<String, Object> brokerProperties) {
        return (Message) Proxy.newProxyInstance(InboundQueueMessageTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBody" -> body;
                    case "getJMSMessageID" -> queueMessageId;
                    case "getStringProperty" -> properties.get((String) args[0]);
                    case "getObjectProperty" -> brokerProperties.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

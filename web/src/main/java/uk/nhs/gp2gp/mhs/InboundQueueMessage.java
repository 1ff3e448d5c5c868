package uk.nhs.gp2gp.mhs;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import uk.nhs.gp2gp.transfer.InboundDeadLetters;

/**
 * One message of the MHS adaptor's inbound queue, as its inbound service publishes it: the body is the
 * JSON envelope {@code {"ebXML", "payload", "attachments", "external_attachments"}} (an AMQP value
 * string, a TextMessage; a data section, a BytesMessage, is read as UTF-8 too), and the application
 * properties {@code message-id} and {@code correlation-id} carry the ebXML MessageId and ConversationId.
 * Reading never throws: what cannot be read is said in {@link #unreadable}, so the attempt still counts.
 *
 * @param queueMessageId the key of its attempts and of its dead letter, the same on every redelivery: the
 *                       broker's message id, else the MHS adaptor's {@code message-id}, else a hash of the body
 * @param envelope       the body; null when unreadable
 * @param deliveryCount  the broker's JMSXDeliveryCount (this delivery included); 0 when it gives none
 * @param unreadable     why the body cannot be taken (always the same for this message); null when readable
 */
record InboundQueueMessage(String queueMessageId, String messageId, String correlationId, byte[] envelope,
        int deliveryCount, String unreadable) {

    static final String MESSAGE_ID = "message-id";
    static final String CORRELATION_ID = "correlation-id";
    static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** The HTTP door's cap ({@link MhsInboundServlet#MAX_BODY_BYTES}): the queue is no way around it. */
    static final int MAX_BODY_BYTES = MhsInboundServlet.MAX_BODY_BYTES;

    static InboundQueueMessage read(Message message) {
        byte[] body = null;
        String unreadable = null;
        try {
            if (message instanceof TextMessage) {
                String text = message.getBody(String.class);
                body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
            } else if (message instanceof BytesMessage) {
                byte[] bytes = message.getBody(byte[].class);
                body = bytes == null ? new byte[0] : bytes;
            } else {
                unreadable = "The message body is neither text nor bytes";
            }
        } catch (JMSException | RuntimeException e) {
            unreadable = "The message body could not be read (" + e.getClass().getSimpleName() + ")";
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            unreadable = "The message is larger than " + MAX_BODY_BYTES + " bytes";
        }
        String messageId = property(message, MESSAGE_ID);
        String brokerId = brokerMessageId(message);
        String key = brokerId != null ? brokerId : messageId != null ? "mhs:" + messageId
                : "sha256:" + InboundDeadLetters.hash(body == null ? new byte[0] : body);
        return new InboundQueueMessage(key, messageId, property(message, CORRELATION_ID),
                unreadable == null ? body : null, deliveryCount(message), unreadable);
    }

    boolean readable() {
        return unreadable == null;
    }

    /** A property that cannot be read as a string is as good as absent: the message is still taken or set aside. */
    private static String property(Message message, String name) {
        try {
            return message.getStringProperty(name);
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    private static String brokerMessageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException | RuntimeException e) {
            return null;
        }
    }

    /**
     * ActiveMQ, Artemis and Azure Service Bus count deliveries (AMQP header delivery-count), so a message
     * whose processing kills the JVM still reaches its limit across restarts. RabbitMQ 3.x's AMQP 1.0 plugin
     * gives none (Qpid then says 1).
     */
    private static int deliveryCount(Message message) {
        try {
            return message.getObjectProperty(DELIVERY_COUNT) instanceof Number count ? count.intValue() : 0;
        } catch (JMSException | RuntimeException e) {
            return 0;
        }
    }
}

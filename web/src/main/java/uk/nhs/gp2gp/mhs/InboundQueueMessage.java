package uk.nhs.gp2gp.mhs;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;

/**
 * One message of the MHS adaptor's inbound queue, as its inbound service publishes it: the body is the
 * JSON envelope {@code {"ebXML", "payload", "attachments", "external_attachments"}} (an AMQP value
 * string, a TextMessage; a data section, a BytesMessage, is read as UTF-8 too), and the application
 * properties {@code message-id} and {@code correlation-id} carry the ebXML MessageId and ConversationId.
 *
 * @param queueMessageId the broker's message id, the same on every redelivery
 * @param envelope       the body; null when it is neither text nor bytes
 */
record InboundQueueMessage(String queueMessageId, String messageId, String correlationId, byte[] envelope) {

    static final String MESSAGE_ID = "message-id";
    static final String CORRELATION_ID = "correlation-id";

    static InboundQueueMessage read(Message message) throws JMSException {
        byte[] envelope = null;
        if (message instanceof TextMessage) {
            String text = message.getBody(String.class);
            envelope = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        } else if (message instanceof BytesMessage) {
            byte[] bytes = message.getBody(byte[].class);
            envelope = bytes == null ? new byte[0] : bytes;
        }
        String messageId = message.getStringProperty(MESSAGE_ID);
        String queueMessageId = message.getJMSMessageID();
        return new InboundQueueMessage(queueMessageId != null ? queueMessageId : "mhs:" + messageId, messageId,
                message.getStringProperty(CORRELATION_ID), envelope);
    }

    boolean readable() {
        return envelope != null;
    }
}

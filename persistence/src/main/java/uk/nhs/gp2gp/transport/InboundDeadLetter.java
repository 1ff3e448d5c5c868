package uk.nhs.gp2gp.transport;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message from the MHS adaptor's inbound queue that could not be processed after every attempt,
 * set aside on the dead-letter queue and kept here for operators: why, and the envelope as it came
 * (it may carry a record, so it is shown to nobody and never logged; its size is). A redelivery of
 * the same queue message (a crash between this row and the broker's acknowledgement) updates the row.
 * Why it was set aside: the reason in short (shown on the console), and the door's detail (which may
 * quote a field of the message: kept here, never shown).
 */
@Entity
@Table(name = "inbound_dead_letter")
public class InboundDeadLetter {

    @Id
    @SequenceGenerator(name = "inbound_dead_letter_seq", sequenceName = "inbound_dead_letter_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "inbound_dead_letter_seq")
    private Long id;

    /** The broker's message id (JMSMessageID): the same across redeliveries. */
    @Column(name = "queue_message_id")
    private String queueMessageId;

    /** The MHS adaptor's application property {@code message-id}: the ebXML MessageId. */
    @Column(name = "message_id")
    private String messageId;

    /** The MHS adaptor's application property {@code correlation-id}: the ebXML ConversationId. */
    @Column(name = "correlation_id")
    private String correlationId;

    private int attempts;

    private String reason;

    @Column(name = "reason_detail")
    private String reasonDetail;

    @Basic(fetch = FetchType.LAZY)
    private byte[] envelope;

    @Column(name = "envelope_size")
    private int envelopeSize;

    @Column(name = "dead_lettered_at")
    private Instant deadLetteredAt;

    protected InboundDeadLetter() {
    }

    public InboundDeadLetter(String queueMessageId, String messageId, String correlationId, byte[] envelope) {
        this.queueMessageId = queueMessageId;
        this.messageId = messageId;
        this.correlationId = correlationId;
        this.envelope = envelope;
        this.envelopeSize = envelope.length;
    }

    /** Set aside (again): after how many attempts in all, why (in short, and in detail or null), when. */
    public void setAside(int moreAttempts, String why, String detail, Instant now) {
        attempts += moreAttempts;
        reason = atMost1000(why);
        reasonDetail = detail == null ? null : atMost1000(detail);
        deadLetteredAt = now;
    }

    private static String atMost1000(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    public Long getId() {
        return id;
    }

    public String getQueueMessageId() {
        return queueMessageId;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getReason() {
        return reason;
    }

    public String getReasonDetail() {
        return reasonDetail;
    }

    public byte[] getEnvelope() {
        return envelope;
    }

    public int getEnvelopeSize() {
        return envelopeSize;
    }

    public Instant getDeadLetteredAt() {
        return deadLetteredAt;
    }
}

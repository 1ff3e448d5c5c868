package uk.nhs.gp2gp.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message that went in or out in a transfer: the conversation's timeline, and the key that makes
 * a message delivered twice be processed once (transfer, direction, message id).
 */
@Entity
@Table(name = "transfer_message")
@NamedQuery(name = TransferMessage.TIMELINE,
        query = "select m from TransferMessage m where m.transfer = :transfer order by m.occurredAt, m.id")
@NamedQuery(name = TransferMessage.BY_KEY, query = "select m from TransferMessage m where m.transfer = :transfer"
        + " and m.direction = :direction and m.messageId = :messageId")
public class TransferMessage {

    public static final String TIMELINE = "TransferMessage.timeline";
    public static final String BY_KEY = "TransferMessage.byKey";

    public enum Direction { IN, OUT }

    @Id
    @SequenceGenerator(name = "transfer_message_seq", sequenceName = "transfer_message_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "transfer_message_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "transfer_id")
    private Transfer transfer;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "interaction_id")
    private String interactionId;

    @Enumerated(EnumType.STRING)
    private Direction direction;

    @Column(name = "refers_to")
    private String refersTo;

    @Column(name = "ack_type")
    private String ackType;

    @Column(name = "reason_code")
    private String reasonCode;

    @Column(name = "size_bytes")
    private long sizeBytes;

    private String digest;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected TransferMessage() {
    }

    public TransferMessage(Transfer transfer, Direction direction, String messageId, String interactionId,
            String refersTo, long sizeBytes, Instant occurredAt) {
        this.transfer = transfer;
        this.direction = direction;
        this.messageId = messageId;
        this.interactionId = interactionId;
        this.refersTo = refersTo;
        this.sizeBytes = sizeBytes;
        this.occurredAt = occurredAt;
    }

    /** For acknowledgements: AA, AE or AR and the GP2GP reason code. */
    public TransferMessage withAcknowledgement(String type, String code) {
        this.ackType = type;
        this.reasonCode = code;
        return this;
    }

    public TransferMessage withDigest(String sha256) {
        this.digest = sha256;
        return this;
    }

    public Long getId() {
        return id;
    }

    public Transfer getTransfer() {
        return transfer;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getInteractionId() {
        return interactionId;
    }

    public Direction getDirection() {
        return direction;
    }

    public String getRefersTo() {
        return refersTo;
    }

    public String getAckType() {
        return ackType;
    }

    public String getReasonCode() {
        return reasonCode;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public String getDigest() {
        return digest;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }
}

package uk.nhs.gp2gp.transport;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * A message written in the same transaction as the step that produced it, and sent afterwards by
 * whichever node claims it. Until it is sent, {@code nextAttemptAt} is both the time of the next
 * try and the lease of the node trying: a node that dies mid-send leaves the row to be claimed
 * again when the lease runs out.
 */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage {

    public enum Status { PENDING, SENT, FAILED }

    @Id
    @SequenceGenerator(name = "outbox_message_seq", sequenceName = "outbox_message_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "outbox_message_seq")
    private Long id;

    @Column(name = "transfer_id")
    private Long transferId;

    @Column(name = "conversation_id")
    private String conversationId;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "interaction_id")
    private String interactionId;

    @Column(name = "to_ods")
    private String toOds;

    @Column(name = "from_ods")
    private String fromOds;

    @Enumerated(EnumType.STRING)
    private Status status;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "stored_content_id")
    private Long storedContentId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected OutboxMessage() {
    }

    public OutboxMessage(Long transferId, String conversationId, String messageId, String interactionId,
            String fromOds, String toOds, long storedContentId, Instant now) {
        this.transferId = transferId;
        this.conversationId = conversationId;
        this.messageId = messageId;
        this.interactionId = interactionId;
        this.fromOds = fromOds;
        this.toOds = toOds;
        this.storedContentId = storedContentId;
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    /** Taken by a node until {@code leaseEnd}. */
    public void claim(Instant leaseEnd) {
        this.nextAttemptAt = leaseEnd;
        this.attempts++;
    }

    public void sent(Instant now) {
        this.status = Status.SENT;
        this.sentAt = now;
        this.lastError = null;
    }

    /** Tries again after the back-off, or gives up when there are no attempts left. */
    public void attemptFailed(String error, Instant now, Duration backOff, int maxAttempts) {
        this.lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        if (attempts >= maxAttempts) {
            this.status = Status.FAILED;
        } else {
            this.nextAttemptAt = now.plus(backOff);
        }
    }

    /** An operator's retry of a message that gave up. */
    public void retry(Instant now) {
        this.status = Status.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
    }

    public Long getId() {
        return id;
    }

    public Long getTransferId() {
        return transferId;
    }

    public String getConversationId() {
        return conversationId;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getInteractionId() {
        return interactionId;
    }

    public String getToOds() {
        return toOds;
    }

    public String getFromOds() {
        return fromOds;
    }

    public Status getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Long getStoredContentId() {
        return storedContentId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}

package uk.nhs.gp2gp.suspension;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * One suspended patient's record at the repository: taken from the practice they left over GP2GP,
 * held, sent on when they register again, then deleted after the retention period.
 */
@Entity
@Table(name = "suspension")
@NamedQuery(name = Suspension.LATEST_OF_PATIENT,
        query = "select s from Suspension s where s.nhsNumber = :nhsNumber order by s.startedAt desc, s.id desc")
@NamedQuery(name = Suspension.BY_INBOUND_CONVERSATION,
        query = "select s from Suspension s where s.inboundConversationId = :conversationId")
@NamedQuery(name = Suspension.BY_OUTBOUND_CONVERSATION,
        query = "select s from Suspension s where s.outboundConversationId = :conversationId")
public class Suspension {

    public static final String LATEST_OF_PATIENT = "Suspension.latestOfPatient";
    public static final String BY_INBOUND_CONVERSATION = "Suspension.byInboundConversation";
    public static final String BY_OUTBOUND_CONVERSATION = "Suspension.byOutboundConversation";

    @Id
    @SequenceGenerator(name = "suspension_seq", sequenceName = "suspension_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "suspension_seq")
    private Long id;

    @Column(name = "nhs_number")
    private String nhsNumber;

    @Column(name = "source_ods")
    private String sourceOds;

    @Enumerated(EnumType.STRING)
    private SuspensionStatus status;

    @Column(name = "failure_code")
    private String failureCode;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "inbound_conversation_id")
    private String inboundConversationId;

    @Column(name = "outbound_conversation_id")
    private String outboundConversationId;

    @Column(name = "released_to_ods")
    private String releasedToOds;

    @Column(name = "returning_patient")
    private boolean returningPatient;

    @Column(name = "size_bytes")
    private long sizeBytes;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "held_at")
    private Instant heldAt;

    @Column(name = "released_at")
    private Instant releasedAt;

    @Column(name = "purge_after")
    private Instant purgeAfter;

    /** Times the intake was retried by itself after it failed or timed out. */
    @Column(name = "intake_retries")
    private int intakeRetries;

    @Version
    private int version;

    protected Suspension() {
    }

    public Suspension(String nhsNumber, String sourceOds, String eventId, Instant now) {
        this.nhsNumber = nhsNumber;
        this.sourceOds = sourceOds;
        this.eventId = eventId;
        this.status = SuspensionStatus.STARTED;
        this.startedAt = now;
        this.updatedAt = now;
    }

    /** Moves on; returns false when already there. */
    public boolean moveTo(SuspensionStatus next, Instant now) {
        if (next == status) {
            return false;
        }
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("A suspended record cannot go from " + status + " to " + next);
        }
        this.status = next;
        this.updatedAt = now;
        return true;
    }

    public boolean fail(SuspensionStatus failed, String code, String reason, Instant now) {
        boolean moved = moveTo(failed, now);
        if (moved) {
            this.failureCode = code;
            this.failureReason = reason;
        }
        return moved;
    }

    public void requested(String conversationId) {
        this.inboundConversationId = conversationId;
    }

    /** An operator retried the failed transfer: the record is asked for again, in the new conversation. */
    public void retried(String conversationId, Instant now) {
        askedAgain(now);
        this.inboundConversationId = conversationId;
    }

    /**
     * The repository asks again by itself, counted against its retry limit; the new conversation is
     * named ({@link #requested}) once it exists.
     */
    public void retriedAutomatically(Instant now) {
        askedAgain(now);
        this.intakeRetries++;
    }

    private void askedAgain(Instant now) {
        moveTo(SuspensionStatus.REQUEST_SENT, now);
        this.failureCode = null;
        this.failureReason = null;
    }

    public int getIntakeRetries() {
        return intakeRetries;
    }

    public void held(long bytes, Instant now) {
        moveTo(SuspensionStatus.COMPLETE, now);
        this.sizeBytes = bytes;
        this.heldAt = now;
    }

    /** A new practice asked for the record; a request from the practice the patient left is a returning patient. */
    public void sendingTo(String requesterOds, String conversationId, Instant now) {
        this.outboundConversationId = conversationId;
        this.returningPatient = requesterOds.equals(sourceOds);
        this.updatedAt = now;
    }

    public void released(String toOds, Instant now, Instant deleteAfter) {
        moveTo(SuspensionStatus.RELEASED, now);
        this.releasedToOds = toOds;
        this.releasedAt = now;
        this.purgeAfter = deleteAfter;
    }

    public void purged(Instant now) {
        moveTo(SuspensionStatus.DELETED, now);
        this.sizeBytes = 0;
    }

    public Long getId() {
        return id;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public String getSourceOds() {
        return sourceOds;
    }

    public SuspensionStatus getStatus() {
        return status;
    }

    public String getFailureCode() {
        return failureCode;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public String getEventId() {
        return eventId;
    }

    public String getInboundConversationId() {
        return inboundConversationId;
    }

    public String getOutboundConversationId() {
        return outboundConversationId;
    }

    public String getReleasedToOds() {
        return releasedToOds;
    }

    public boolean isReturningPatient() {
        return returningPatient;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getHeldAt() {
        return heldAt;
    }

    public Instant getReleasedAt() {
        return releasedAt;
    }

    public Instant getPurgeAfter() {
        return purgeAfter;
    }
}

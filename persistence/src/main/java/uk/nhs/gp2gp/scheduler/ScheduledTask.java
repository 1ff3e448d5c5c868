package uk.nhs.gp2gp.scheduler;

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
import java.time.Instant;

/**
 * Work due at a time, kept in the database so that a restart loses no timer: a timeout of a
 * transfer, for instance. One task per kind and reference; claimed like the outbox.
 */
@Entity
@Table(name = "scheduled_task")
@NamedQuery(name = ScheduledTask.BY_KIND_AND_REFERENCE,
        query = "select t from ScheduledTask t where t.kind = :kind and t.reference = :reference")
public class ScheduledTask {

    public static final String BY_KIND_AND_REFERENCE = "ScheduledTask.byKindAndReference";

    public enum Status { PENDING, DONE, CANCELLED, FAILED }

    @Id
    @SequenceGenerator(name = "scheduled_task_seq", sequenceName = "scheduled_task_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scheduled_task_seq")
    private Long id;

    private String kind;

    private String reference;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "due_at")
    private Instant dueAt;

    private int attempts;

    @Column(name = "claimed_by")
    private String claimedBy;

    @Column(name = "claimed_at")
    private Instant claimedAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at")
    private Instant createdAt;

    protected ScheduledTask() {
    }

    public ScheduledTask(String kind, String reference, Instant dueAt, Instant now) {
        this.kind = kind;
        this.reference = reference;
        this.dueAt = dueAt;
        this.status = Status.PENDING;
        this.createdAt = now;
    }

    /** Moves a pending task to a new time (and revives a finished one). */
    public void reschedule(Instant newDueAt) {
        this.dueAt = newDueAt;
        this.status = Status.PENDING;
        this.attempts = 0;
    }

    public void claim(String node, Instant now, Instant leaseEnd) {
        this.claimedBy = node;
        this.claimedAt = now;
        this.dueAt = leaseEnd;
        this.attempts++;
    }

    public void done() {
        this.status = Status.DONE;
    }

    public void cancel() {
        if (status == Status.PENDING) {
            this.status = Status.CANCELLED;
        }
    }

    public void attemptFailed(String error, Instant retryAt, int maxAttempts) {
        this.lastError = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        if (attempts >= maxAttempts) {
            this.status = Status.FAILED;
        } else {
            this.dueAt = retryAt;
        }
    }

    public Long getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getReference() {
        return reference;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

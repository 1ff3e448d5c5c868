package uk.nhs.gp2gp.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Who did what, when, to which record. Kept in the database (never in log files) because it may
 * name the patient whose record was read.
 */
@Entity
@Table(name = "audit_event")
public class AuditEvent {

    public enum ActorType { USER, API_CLIENT, SYSTEM }

    public enum Outcome { SUCCESS, DENIED, FAILED }

    @Id
    @SequenceGenerator(name = "audit_event_seq", sequenceName = "audit_event_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_event_seq")
    private Long id;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_type")
    private ActorType actorType;

    private String action;

    @Column(name = "target_type")
    private String targetType;

    @Column(name = "target_id")
    private String targetId;

    @Column(name = "nhs_number")
    private String nhsNumber;

    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    private String detail;

    protected AuditEvent() {
    }

    public AuditEvent(Instant occurredAt, ActorType actorType, String actor, String action, String targetType,
            String targetId, String nhsNumber, Outcome outcome, String detail) {
        this.occurredAt = occurredAt;
        this.actorType = actorType;
        this.actor = actor;
        this.action = action;
        this.targetType = targetType;
        this.targetId = targetId;
        this.nhsNumber = nhsNumber;
        this.outcome = outcome;
        this.detail = detail;
    }

    public Long getId() {
        return id;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public ActorType getActorType() {
        return actorType;
    }

    public String getAction() {
        return action;
    }

    public String getTargetType() {
        return targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }
}

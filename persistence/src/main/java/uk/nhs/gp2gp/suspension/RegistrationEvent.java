package uk.nhs.gp2gp.suspension;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A NEMS-like change of registration, kept with the answer it got: its id is seen once. */
@Entity
@Table(name = "registration_event")
public class RegistrationEvent {

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "nhs_number")
    private String nhsNumber;

    @Column(name = "event_type")
    private String type;

    @Column(name = "ods_code")
    private String odsCode;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "received_at")
    private Instant receivedAt;

    private String outcome;

    private String detail;

    protected RegistrationEvent() {
    }

    public RegistrationEvent(String eventId, String nhsNumber, String type, String odsCode, Instant occurredAt,
            Instant receivedAt) {
        this.eventId = eventId;
        this.nhsNumber = nhsNumber;
        this.type = type;
        this.odsCode = odsCode;
        this.occurredAt = occurredAt;
        this.receivedAt = receivedAt;
    }

    public void answered(String result, String explanation) {
        this.outcome = result;
        this.detail = explanation;
    }

    public String getEventId() {
        return eventId;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public String getType() {
        return type;
    }

    public String getOdsCode() {
        return odsCode;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getDetail() {
        return detail;
    }
}

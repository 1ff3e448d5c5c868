package uk.nhs.gp2gp.suspension;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The latest registration event seen for a patient. Its row is locked while one of the patient's
 * events is processed, so that two nodes never work on the same patient at once.
 */
@Entity
@Table(name = "registration_patient")
public class RegistrationPatient {

    @Id
    @Column(name = "nhs_number")
    private String nhsNumber;

    @Column(name = "last_occurred_at")
    private Instant lastOccurredAt;

    protected RegistrationPatient() {
    }

    /** True when the event is older than the latest one seen (out of order); otherwise it becomes the latest. */
    public boolean isStale(Instant occurredAt) {
        return lastOccurredAt != null && occurredAt.isBefore(lastOccurredAt);
    }

    public void seen(Instant occurredAt) {
        if (lastOccurredAt == null || occurredAt.isAfter(lastOccurredAt)) {
            lastOccurredAt = occurredAt;
        }
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public Instant getLastOccurredAt() {
        return lastOccurredAt;
    }
}

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
import java.time.Instant;

/** One step in a suspended record's life, in plain words, for the holdings API and the console. */
@Entity
@Table(name = "suspension_history")
@NamedQuery(name = SuspensionHistory.OF_SUSPENSION,
        query = "select h from SuspensionHistory h where h.suspensionId = :suspensionId order by h.happenedAt, h.id")
public class SuspensionHistory {

    public static final String OF_SUSPENSION = "SuspensionHistory.ofSuspension";

    @Id
    @SequenceGenerator(name = "suspension_history_seq", sequenceName = "suspension_history_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "suspension_history_seq")
    private Long id;

    @Column(name = "suspension_id")
    private long suspensionId;

    @Enumerated(EnumType.STRING)
    private SuspensionStatus status;

    @Column(name = "happened_at")
    private Instant happenedAt;

    private String detail;

    protected SuspensionHistory() {
    }

    public SuspensionHistory(Suspension suspension, Instant now, String what) {
        this.suspensionId = suspension.getId();
        this.status = suspension.getStatus();
        this.happenedAt = now;
        this.detail = what.length() > 500 ? what.substring(0, 500) : what;
    }

    public SuspensionStatus getStatus() {
        return status;
    }

    public Instant getHappenedAt() {
        return happenedAt;
    }

    public String getDetail() {
        return detail;
    }
}

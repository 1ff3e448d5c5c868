package uk.nhs.gp2gp.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;

/**
 * Writes the audit trail. In a transaction of its own, so that a refused or failed action is
 * still recorded when the caller's work rolls back.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
// Who may call: every caller: refusals of callers not yet known are audited too.
@PermitAll
public class AuditLog {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    public void record(AuditEntry entry) {
        em.persist(new AuditEvent(clock.instant(), entry.actorType(), entry.actor(), entry.action(),
                entry.targetType(), entry.targetId(), entry.nhsNumber(), entry.outcome(), entry.detail()));
    }

    /**
     * A line that belongs to the caller's work (a record sent, say): it is kept exactly when that
     * work commits, so the trail never claims what did not happen.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordInCallersTransaction(AuditEntry entry) {
        record(entry);
    }

    /** Several lines in one transaction: one per patient in a list that was read, for instance. */
    public void recordAll(java.util.List<AuditEntry> entries) {
        entries.forEach(this::record);
    }
}

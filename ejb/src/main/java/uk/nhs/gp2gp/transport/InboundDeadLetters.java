package uk.nhs.gp2gp.transport;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The inbound queue's messages that could not be processed: kept before they leave the queue (for
 * the dead-letter queue), so that the console shows each one and why, and its transfer is not lost.
 */
@Stateless
public class InboundDeadLetters {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    /**
     * Keeps one message, committed before the caller acknowledges it to the broker; the same queue
     * message again (redelivered after a crash in between) updates its row instead of adding one.
     * Called by the queue consumer, with no caller identity.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void setAside(String queueMessageId, String messageId, String correlationId, byte[] envelope,
            int attempts, String reason) {
        Instant now = Instant.now(clock);
        em.createQuery("select d from InboundDeadLetter d where d.queueMessageId = :id", InboundDeadLetter.class)
                .setParameter("id", queueMessageId).getResultStream().findFirst()
                .ifPresentOrElse(again -> again.setAside(attempts, reason, now), () -> {
                    InboundDeadLetter added = new InboundDeadLetter(queueMessageId, messageId, correlationId, envelope);
                    // Complete before it is persisted: the insert takes the state of that moment.
                    added.setAside(attempts, reason, now);
                    em.persist(added);
                });
    }

    /** The most recent first. */
    @RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
    public List<InboundDeadLetterSummary> recent(int max) {
        return em.createQuery("select new uk.nhs.gp2gp.transport.InboundDeadLetterSummary(d.id, d.deadLetteredAt, "
                        + "d.messageId, d.correlationId, d.attempts, d.reason, d.envelopeSize) "
                        + "from InboundDeadLetter d order by d.deadLetteredAt desc, d.id desc", InboundDeadLetterSummary.class)
                .setMaxResults(max).getResultList();
    }
}

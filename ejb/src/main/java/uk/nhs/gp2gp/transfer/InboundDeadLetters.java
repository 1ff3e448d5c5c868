package uk.nhs.gp2gp.transfer;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.transport.InboundDeadLetter;
import uk.nhs.gp2gp.transport.InboundDeadLetterSummary;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;

/**
 * The inbound queue's messages that could not be processed: kept before they leave the queue (for
 * the dead-letter queue), so that the console shows each one and why, and an operator can have it
 * processed again. Kept for gp2gp.inbound.amqp.dead-letter-retention (the envelope may hold a whole
 * record), then deleted by a scheduled task. Beside the workflow, not in transport: it schedules and
 * audits, and the scheduler already depends on transport.
 */
@Stateless
public class InboundDeadLetters {

    /** The scheduled task that deletes one set-aside message when its retention ends. */
    public static final String PURGE_DUE = "INBOUND_DEAD_LETTER_PURGE_DUE";

    private static final System.Logger LOG = System.getLogger(InboundDeadLetters.class.getName());

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @EJB
    private InboundReceiver inbound;

    @EJB
    private ScheduledTasks tasks;

    @EJB
    private AuditLog audit;

    @Inject
    @ConfigProperty(name = "gp2gp.inbound.amqp.dead-letter-retention", defaultValue = "P30D")
    private Duration retention;

    /**
     * Keeps one message, committed before the caller acknowledges it to the broker; the same queue
     * message again (redelivered after a crash in between) updates its row instead of adding one. A
     * different envelope under the same key (a message-id used twice) is another message: kept beside
     * it. Called by the queue consumer, with no caller identity.
     *
     * @param reason in short, shown on the console
     * @param detail the door's own words, which may quote the message: kept, never shown; or null
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void setAside(String queueMessageId, String messageId, String correlationId, byte[] envelope,
            int attempts, String reason, String detail) {
        String key = queueMessageId;
        Optional<InboundDeadLetter> kept = byKey(key);
        if (kept.isPresent() && !Arrays.equals(kept.get().getEnvelope(), envelope)) {
            key = queueMessageId + " sha256:" + hash(envelope);
            kept = byKey(key);
        }
        InboundDeadLetter letter = kept.orElse(new InboundDeadLetter(key, messageId, correlationId, envelope));
        // Complete before it is persisted: the insert takes the state of that moment.
        letter.setAside(attempts, reason, detail, Instant.now(clock));
        if (kept.isEmpty()) {
            em.persist(letter);
        }
        keepUntilRetentionEnds(letter);
    }

    /** The most recent first. */
    @RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
    public List<InboundDeadLetterSummary> recent(int max) {
        return em.createQuery("select new uk.nhs.gp2gp.transport.InboundDeadLetterSummary(d.id, d.deadLetteredAt, "
                        + "d.messageId, d.correlationId, d.attempts, d.reason, d.envelopeSize) "
                        + "from InboundDeadLetter d order by d.deadLetteredAt desc, d.id desc", InboundDeadLetterSummary.class)
                .setMaxResults(max).getResultList();
    }

    /**
     * An operator's "Process again": the kept envelope goes through the door as from the MHS adaptor, in
     * this transaction. Processed (or a duplicate: it was taken meanwhile) the row is deleted with it;
     * refused again, the row stays with the new reason. A failure rolls everything back, the row unchanged.
     * Audited either way.
     */
    @RolesAllowed({"ADMIN", "OPERATOR"})
    public InboundOutcome processAgain(long id, String user) {
        InboundDeadLetter letter = em.find(InboundDeadLetter.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (letter == null) {
            audit.record(replayed(user, id, Outcome.DENIED, "no such message set aside"));
            throw new InboundDeadLetterNotFoundException(id);
        }
        InboundOutcome outcome;
        try {
            outcome = inbound.receiveInCallersTransaction(letter.getEnvelope(), InboundSource.MHS);
        } catch (RuntimeException e) {
            audit.record(replayed(user, id, Outcome.FAILED, "Not processed: " + e.getClass().getSimpleName()));
            throw e;
        }
        if (outcome.isRefused()) {
            letter.setAside(1, "Refused (" + outcome.kind() + ")", outcome.detail(), Instant.now(clock));
            keepUntilRetentionEnds(letter);
        } else {
            em.remove(letter);
            tasks.cancel(PURGE_DUE, String.valueOf(id));
        }
        audit.recordInCallersTransaction(replayed(user, id, outcome.isRefused() ? Outcome.FAILED : Outcome.SUCCESS,
                String.valueOf(outcome.kind())));
        LOG.log(Level.INFO, "Inbound message {0} set aside was processed again by an operator: {1}",
                letter.getMessageId(), outcome.kind());
        return outcome;
    }

    /** Its retention ran out: the message and its envelope are deleted for good. Run by the scheduler. */
    @PermitAll
    public void purge(long id) {
        InboundDeadLetter letter = em.find(InboundDeadLetter.class, id);
        if (letter != null) {
            em.remove(letter);
            LOG.log(Level.INFO, "Inbound message {0} set aside on {1} deleted after its retention period",
                    letter.getMessageId(), letter.getDeadLetteredAt());
        }
    }

    /** The SHA-256 of an envelope in hex: it tells two envelopes apart, and keys a message that names itself nowhere. */
    public static String hash(byte[] envelope) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(envelope));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Optional<InboundDeadLetter> byKey(String queueMessageId) {
        return em.createQuery("select d from InboundDeadLetter d where d.queueMessageId = :id", InboundDeadLetter.class)
                .setParameter("id", queueMessageId).getResultStream().findFirst();
    }

    private void keepUntilRetentionEnds(InboundDeadLetter letter) {
        em.flush(); // the id of a new row
        tasks.schedule(PURGE_DUE, String.valueOf(letter.getId()), letter.getDeadLetteredAt().plus(retention));
    }

    private static AuditEntry replayed(String user, long id, Outcome outcome, String detail) {
        return new AuditEntry(ActorType.USER, user, "INBOUND_MESSAGE_PROCESS_AGAIN", "INBOUND_DEAD_LETTER",
                String.valueOf(id), null, outcome, detail);
    }
}

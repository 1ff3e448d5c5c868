package uk.nhs.gp2gp.transport;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.message.Interaction;

/**
 * The durable queue of messages to send. A step of the workflow puts its messages here in its own
 * transaction; once that commits, the relay is woken to send them at once, and the heartbeat sends
 * whatever is left (after a crash, or when a send failed and its back-off is over).
 */
@Stateless
public class Outbox {


    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @EJB
    private ContentStore contentStore;

    @EJB
    private OutboxRelay relay;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * How long a node may take to deliver a claimed message before another node (or this one,
     * restarted after a crash) may try: longer than the slowest outbound call, a lease outlives a crash.
     */
    @EJB
    private OutboundSettings settings;

    @Inject
    @ConfigProperty(name = "gp2gp.outbox.max-attempts", defaultValue = "10")
    private int maxAttempts;

    @Inject
    @ConfigProperty(name = "gp2gp.outbox.max-back-off", defaultValue = "PT10M")
    private Duration maxBackOff;

    /** Queues a message in the caller's transaction. */
    public OutboxMessage enqueue(Long transferId, OutboundMessage message) {
        Instant now = clock.instant();
        StoredContent envelope = contentStore.write(
                StoredContent.ofTransfer(transferId, StoredContent.Kind.MESSAGE, message.messageId(),
                        "application/json", now),
                message.envelope());
        OutboxMessage queued = new OutboxMessage(transferId, message.conversationId(), message.messageId(),
                message.interactionId(), message.fromOds(), message.toOds(), envelope.getId(), now);
        em.persist(queued);
        wakeRelayAfterCommit();
        return queued;
    }

    private void wakeRelayAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.drainSoon();
                }
            }
        });
    }

    /**
     * Claims up to {@code max} due messages for this node, skipping rows other nodes hold, and
     * commits the claim at once so the lease is visible to them. Messages go out in parallel, but an
     * acknowledgement waits until every message queued before it in its conversation has gone: the
     * request's acknowledgement must not reach the requester before the extract or a document it
     * follows (GA sends it once every document is accepted), nor a final one before our request.
     * "Before" is by id: an acknowledgement is queued in the same transaction as the messages it must
     * follow (the extract, or the parts after the continue request), so on one node, where the
     * sequence's blocks only grow; messages queued earlier elsewhere have gone before that step began.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> claimDue(int max) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from outbox_message o where status = 'PENDING'"
                        + " and next_attempt_at <= ?1"
                        + " and not (interaction_id = ?2 and exists (select 1 from outbox_message earlier"
                        + "   where earlier.conversation_id = o.conversation_id and earlier.status = 'PENDING'"
                        + "   and earlier.id < o.id))"
                        + " order by next_attempt_at, id"
                        + " fetch first " + max + " rows only for update skip locked")
                .setParameter(1, now)
                .setParameter(2, Interaction.ACKNOWLEDGEMENT.id())
                .getResultList();
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        for (Long id : claimed) {
            em.find(OutboxMessage.class, id).claim(now.plus(settings.lease()));
        }
        return claimed;
    }

    /** The message and its envelope, to deliver outside any transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public OutboundMessage load(long id) {
        OutboxMessage row = em.find(OutboxMessage.class, id);
        return new OutboundMessage(row.getConversationId(), row.getMessageId(), row.getInteractionId(),
                row.getFromOds(), row.getToOds(), contentStore.readAll(row.getStoredContentId()));
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markSent(long id) {
        em.find(OutboxMessage.class, id).sent(clock.instant());
    }

    /** Schedules the next try with exponential back-off (2 s, 4 s, 8 s ... up to the maximum). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public OutboxMessage.Status markFailed(long id, String error, boolean retryable) {
        OutboxMessage row = em.find(OutboxMessage.class, id);
        Duration backOff = Duration.ofSeconds(1L << Math.min(row.getAttempts(), 20));
        if (backOff.compareTo(maxBackOff) > 0) {
            backOff = maxBackOff;
        }
        row.attemptFailed(error, clock.instant(), backOff, retryable ? maxAttempts : 0);
        return row.getStatus();
    }

    /** Messages of a transfer, oldest first (for the transfer's detail and the console). */
    public List<OutboxMessage> ofTransfer(long transferId) {
        return em.createQuery("select o from OutboxMessage o where o.transferId = :id order by o.id",
                OutboxMessage.class).setParameter("id", transferId).getResultList();
    }
}

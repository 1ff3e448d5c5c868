package uk.nhs.gp2gp.transport;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Semaphore;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;

/** Sends what the outbox holds. Runs outside transactions: a slow partner never holds a lock. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 20;
    /** Drains running at once on this node; more would only queue on the database. */
    private static final Semaphore DRAINS = new Semaphore(4);

    @EJB
    private Outbox outbox;

    @EJB
    private Practices practices;

    @Inject
    private Transports transports;

    @Inject
    private DeliveryFailures deliveryFailures;

    @Resource
    private ManagedExecutorService executor;

    /** Starts a drain in the background unless enough are running already. */
    public void drainSoon() {
        if (DRAINS.tryAcquire()) {
            try {
                executor.execute(() -> {
                    try {
                        drain();
                    } finally {
                        DRAINS.release();
                    }
                });
            } catch (RuntimeException e) {
                DRAINS.release();
                LOG.log(Level.WARNING, "Could not start an outbox drain now; the heartbeat will: {0}", e.toString());
            }
        }
    }

    /** Sends due messages until none are left; returns how many were sent. */
    public int drain() {
        int sent = 0;
        List<Long> batch;
        do {
            batch = outbox.claimDue(BATCH);
            for (Long id : batch) {
                if (deliver(id)) {
                    sent++;
                }
            }
        } while (batch.size() == BATCH);
        return sent;
    }

    private boolean deliver(long id) {
        OutboundMessage message = outbox.load(id);
        try {
            Practice destination = practices.find(OdsCode.of(message.toOds())).orElseThrow(() ->
                    new TransportException("Practice " + message.toOds() + " is not in the practice directory", false));
            transports.to(destination).send(message, destination);
            outbox.markSent(id);
            LOG.log(Level.DEBUG, "Sent {0} {1} in conversation {2}", message.interactionId(), message.messageId(),
                    message.conversationId());
            return true;
        } catch (TransportException e) {
            failed(id, message, e.getMessage(), e.isRetryable());
        } catch (RuntimeException e) {
            failed(id, message, e.getClass().getSimpleName(), true);
        }
        return false;
    }

    private void failed(long id, OutboundMessage message, String error, boolean retryable) {
        OutboxMessage.Status status = outbox.markFailed(id, error, retryable);
        if (status == OutboxMessage.Status.FAILED) {
            // Gave up: the transfer says so (see TransferDeliveryFailures) and an operator can retry.
            deliveryFailures.gaveUp(id);
            LOG.log(Level.WARNING, "Gave up sending {0} {1} in conversation {2}", message.interactionId(),
                    message.messageId(), message.conversationId());
        } else {
            LOG.log(Level.INFO, "Sending {0} in conversation {1} failed; will try again", message.interactionId(),
                    message.conversationId());
        }
    }
}

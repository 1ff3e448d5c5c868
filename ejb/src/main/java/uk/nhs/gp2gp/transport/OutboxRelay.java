package uk.nhs.gp2gp.transport;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;

/**
 * Sends what the outbox holds. Runs outside transactions: a slow partner never holds a lock. Drains
 * started by commits run on a bounded managed executor ({@value #DRAINS}, defined by the web module
 * with at most four at once on a node: more would only queue on the database), and at most one
 * waits to start, since a drain that starts sends everything committed before it.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    public static final String DRAINS = "java:app/concurrent/OutboxDrains";
    private static final String DEFAULT_EXECUTOR = "java:comp/DefaultManagedExecutorService";
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

    /** A drain is submitted and has not started yet: another one would find nothing more to send. */
    private final AtomicBoolean drainWaiting = new AtomicBoolean();

    @EJB
    private Outbox outbox;

    @EJB
    private Practices practices;

    @Inject
    private Transports transports;

    @Inject
    private DeliveryFailures deliveryFailures;

    private ManagedExecutorService drains;

    /**
     * Looked up, not injected: Payara's deployment check refuses an injected java:app name. Without
     * it (an application server that did not bind it) the default executor serves, with a warning.
     */
    @PostConstruct
    void findDrains() {
        try {
            drains = InitialContext.doLookup(DRAINS);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "No managed executor {0}: outbox drains run on the default one, unbounded",
                    DRAINS);
            try {
                drains = InitialContext.doLookup(DEFAULT_EXECUTOR);
            } catch (NamingException none) {
                throw new IllegalStateException("No managed executor to drain the outbox on", none);
            }
        }
    }

    /** Starts a drain in the background unless one is waiting to start already. */
    public void drainSoon() {
        if (drainWaiting.compareAndSet(false, true)) {
            try {
                drains.execute(() -> {
                    drainWaiting.set(false);
                    drain();
                });
            } catch (RuntimeException e) {
                drainWaiting.set(false);
                LOG.log(Level.WARNING, "Could not start an outbox drain now; the heartbeat will: {0}", e.toString());
            }
        }
    }

    /**
     * Sends due messages until none are left; returns how many were sent. Claims one at a time: a claim's
     * lease (at least twice the outbound timeout) covers the one send that follows it, whereas the later
     * messages of a claimed batch would wait behind slow sends until their leases ran out and another
     * node sent them too.
     */
    public int drain() {
        int sent = 0;
        List<Long> claimed;
        while (!(claimed = outbox.claimDue(1)).isEmpty()) {
            if (deliver(claimed.get(0))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean deliver(long id) {
        OutboundMessage message = outbox.load(id);
        try {
            Optional<Practice> destination = practices.find(OdsCode.of(message.toOds()));
            if (destination.isPresent()) {
                transports.to(destination.get()).send(message, destination.get());
            } else {
                transports.sendToUnlisted(message);
            }
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

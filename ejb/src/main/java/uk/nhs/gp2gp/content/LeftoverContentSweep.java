package uk.nhs.gp2gp.content;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every minute, on every node: deletes content that belongs to nothing, each in a short transaction
 * of its own. That is content an upload replaced, and staged content of an upload abandoned over a
 * day ago (its node died; an upload that fails discards its own at once).
 */
@Singleton
@DependsOn("DatabaseStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LeftoverContentSweep {

    /** Longer than any upload takes: staged content this old was abandoned. */
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);
    private static final System.Logger LOG = System.getLogger(LeftoverContentSweep.class.getName());
    private static final int BATCH = 50;

    private final AtomicBoolean sweeping = new AtomicBoolean();

    @EJB
    private ContentStore contentStore;

    @Inject
    private Clock clock;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Long> leftovers;
            do {
                leftovers = contentStore.leftovers(clock.instant().minus(ABANDONED_AFTER), BATCH);
                leftovers.forEach(contentStore::deleteLeftover);
            } while (leftovers.size() == BATCH);
        } catch (RuntimeException e) {
            // The database may be away for a while: the next sweep tries again.
            LOG.log(Level.WARNING, "Sweeping leftover content failed: {0}", e.getClass().getSimpleName());
        } finally {
            sweeping.set(false);
        }
    }
}

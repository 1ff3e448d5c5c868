package uk.nhs.gp2gp.scheduler;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.nhs.gp2gp.transport.OutboxRelay;

/**
 * Every second: sends outbox messages whose time has come (retries, and any left by a node that
 * died), and runs due scheduled tasks (timeouts). Each node beats; claiming keeps them from doing
 * one job twice. A beat that is still running makes the next one skip.
 */
@Singleton
@Startup
@DependsOn("DatabaseStartup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Heartbeat {

    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());
    private static final int TASK_BATCH = 20;

    private final AtomicBoolean beating = new AtomicBoolean();

    @EJB
    private OutboxRelay relay;

    @EJB
    private ScheduledTasks tasks;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void beat() {
        if (!beating.compareAndSet(false, true)) {
            return;
        }
        try {
            relay.drain();
            runDueTasks();
        } catch (RuntimeException e) {
            // The database may be away for a while: the next beat tries again.
            LOG.log(Level.WARNING, "Heartbeat failed: {0}", e.getClass().getSimpleName());
        } finally {
            beating.set(false);
        }
    }

    private void runDueTasks() {
        List<Long> due;
        do {
            due = tasks.claimDue(TASK_BATCH);
            for (Long id : due) {
                try {
                    tasks.run(id);
                } catch (RuntimeException e) {
                    tasks.failed(id, e.getClass().getSimpleName());
                    LOG.log(Level.WARNING, "Scheduled task {0} failed: {1}", id, e.getClass().getSimpleName());
                }
            }
        } while (due.size() == TASK_BATCH);
    }
}

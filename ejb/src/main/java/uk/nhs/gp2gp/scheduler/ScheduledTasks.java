package uk.nhs.gp2gp.scheduler;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Durable timers: a task due at a time survives restarts, and of several nodes exactly one runs it
 * (claimed with SELECT ... FOR UPDATE SKIP LOCKED, leased like the outbox).
 */
@Stateless
public class ScheduledTasks {

    static final String NODE = ManagementFactory.getRuntimeMXBean().getName();
    private static final Duration RETRY = Duration.ofMinutes(1);
    private static final int MAX_ATTEMPTS = 10;

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    /** How long a node may take to run a task it claimed before another node (or itself after a crash) may. */
    @Inject
    @ConfigProperty(name = "gp2gp.scheduler.lease", defaultValue = "PT5M")
    private Duration lease;

    @Inject
    @Any
    private Instance<TaskHandler> handlers;

    /** Schedules (or moves) the task of this kind for this reference, in the caller's transaction. */
    public void schedule(String kind, String reference, Instant dueAt) {
        find(kind, reference).ifPresentOrElse(task -> task.reschedule(dueAt),
                () -> em.persist(new ScheduledTask(kind, reference, dueAt, clock.instant())));
    }

    public void cancel(String kind, String reference) {
        find(kind, reference).ifPresent(ScheduledTask::cancel);
    }

    public java.util.Optional<ScheduledTask> find(String kind, String reference) {
        return em.createNamedQuery(ScheduledTask.BY_KIND_AND_REFERENCE, ScheduledTask.class)
                .setParameter("kind", kind).setParameter("reference", reference)
                .getResultStream().findFirst();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Long> claimDue(int max) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from scheduled_task where status = 'PENDING'"
                        + " and due_at <= ?1 order by due_at, id fetch first " + max + " rows only for update skip locked")
                .setParameter(1, now)
                .getResultList();
        List<Long> claimed = ids.stream().map(Number::longValue).toList();
        for (Long id : claimed) {
            em.find(ScheduledTask.class, id).claim(NODE, now, now.plus(lease));
        }
        return claimed;
    }

    /** Runs a claimed task's handler; the task is done when the handler's transaction commits. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void run(long id) {
        ScheduledTask task = em.find(ScheduledTask.class, id);
        if (task == null || task.getStatus() != ScheduledTask.Status.PENDING) {
            return;
        }
        Instant lease = task.getDueAt();
        handlerFor(task.getKind()).run(task.getReference());
        // The handler may have moved its own task to a new time: then it is not done yet.
        if (task.getStatus() == ScheduledTask.Status.PENDING && task.getDueAt().equals(lease)) {
            task.done();
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long id, String error) {
        ScheduledTask task = em.find(ScheduledTask.class, id);
        if (task != null) {
            task.attemptFailed(error, clock.instant().plus(RETRY), MAX_ATTEMPTS);
        }
    }

    private TaskHandler handlerFor(String kind) {
        for (TaskHandler handler : handlers) {
            if (handler.kind().equals(kind)) {
                return handler;
            }
        }
        throw new IllegalStateException("No handler for scheduled tasks of kind " + kind);
    }
}

package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.scheduler.ScheduledTask;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.scheduler.TaskHandler;

/**
 * The durable timers: a task runs once when due and not before, and a claim that was never finished
 * (its node died) is taken again when its lease runs out. Claims are made as the heartbeat makes them.
 */
@Tag("database")
class ScheduledTasksComponentTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final RecordingHandler HANDLER = new RecordingHandler();

    private static Gp2gpWorld world;
    private static ScheduledTasks tasks;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld(Map.of("gp2gp.scheduler.lease", LEASE.toString()), HANDLER);
        tasks = world.bean(ScheduledTasks.class);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aDueTaskRunsOnce() {
        String reference = scheduledIn(Duration.ofMinutes(1));
        world.clock.advance(Duration.ofMinutes(1));

        world.runDueTasks();
        world.runDueTasks();

        assertEquals(1, HANDLER.runs(reference));
        assertEquals(ScheduledTask.Status.DONE, task(reference).getStatus());
    }

    @Test
    void aTaskNotYetDueDoesNotRun() {
        String reference = scheduledIn(Duration.ofMinutes(10));
        world.clock.advance(Duration.ofMinutes(10).minusSeconds(1));

        world.runDueTasks();

        assertEquals(0, HANDLER.runs(reference));
        assertEquals(ScheduledTask.Status.PENDING, task(reference).getStatus());
    }

    @Test
    void aClaimNeverFinishedIsTakenAgainWhenItsLeaseRunsOut() {
        String reference = scheduledIn(Duration.ZERO);
        long id = task(reference).getId();

        assertTrue(claim().contains(id), "claimed by a node that then dies");
        assertFalse(claim().contains(id), "nobody else takes it while the lease lasts");
        world.clock.advance(LEASE.minusSeconds(1));
        assertFalse(claim().contains(id), "not a second before the lease ends");
        world.clock.advance(Duration.ofSeconds(1));
        assertTrue(claim().contains(id), "taken again once the lease ran out");
        world.inTransaction(() -> tasks.run(id));

        assertEquals(1, HANDLER.runs(reference));
        assertEquals(2, task(reference).getAttempts());
        assertEquals(ScheduledTask.Status.DONE, task(reference).getStatus());
    }

    @Test
    void aTaskWhoseHandlerFailsIsTriedAgainAMinuteLater() {
        String reference = "FAIL-ONCE-" + MessageIds.newId();
        world.inTransaction(() -> tasks.schedule(RecordingHandler.KIND, reference, world.clock.instant()));
        long id = task(reference).getId();

        assertTrue(claim().contains(id));
        assertThrows(IllegalStateException.class, () -> world.inTransaction(() -> tasks.run(id)));
        world.inTransaction(() -> tasks.failed(id, "IllegalStateException"));
        assertEquals(ScheduledTask.Status.PENDING, task(reference).getStatus());
        world.clock.advance(Duration.ofSeconds(59));
        assertFalse(claim().contains(id));
        world.clock.advance(Duration.ofSeconds(1));
        world.runDueTasks();

        assertEquals(2, HANDLER.runs(reference), "failed once, then ran");
        assertEquals(ScheduledTask.Status.DONE, task(reference).getStatus());
    }

    private static String scheduledIn(Duration delay) {
        String reference = MessageIds.newId();
        world.inTransaction(() -> tasks.schedule(RecordingHandler.KIND, reference, world.clock.instant().plus(delay)));
        return reference;
    }

    private static List<Long> claim() {
        return world.inTransaction(() -> tasks.claimDue(100));
    }

    private static ScheduledTask task(String reference) {
        return world.inTransaction(() -> tasks.find(RecordingHandler.KIND, reference).orElseThrow());
    }

    /** Notes every reference it runs; fails the first run of a reference that starts with FAIL-ONCE. */
    static final class RecordingHandler implements TaskHandler {
        static final String KIND = "COMPONENT_TEST";
        private final List<String> runs = new CopyOnWriteArrayList<>();

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public void run(String reference) {
            boolean first = !runs.contains(reference);
            runs.add(reference);
            if (first && reference.startsWith("FAIL-ONCE")) {
                throw new IllegalStateException("The first run of " + reference + " fails");
            }
        }

        long runs(String reference) {
            return runs.stream().filter(reference::equals).count();
        }
    }
}

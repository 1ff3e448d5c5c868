package uk.nhs.gp2gp.suspension;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.gp2gp.scheduler.TaskHandler;

/** The repository's retention: a released record's deletion, due when its retention period ends. */
@ApplicationScoped
public class RepositoryTasks implements TaskHandler {

    /** A failed or timed-out intake's retry, due {@code gp2gp.repository.retry-after} after it ended. */
    @ApplicationScoped
    public static class IntakeRetryDue implements TaskHandler {
        @EJB
        private RepositoryIntake intake;

        @Override
        public String kind() {
            return RepositoryIntake.RETRY_DUE;
        }

        @Override
        public void run(String suspensionId) {
            intake.retryDue(Long.parseLong(suspensionId));
        }
    }

    @EJB
    private RepositoryRelease release;

    @Override
    public String kind() {
        return RepositoryRelease.PURGE_DUE;
    }

    @Override
    public void run(String suspensionId) {
        release.purge(Long.parseLong(suspensionId));
    }
}

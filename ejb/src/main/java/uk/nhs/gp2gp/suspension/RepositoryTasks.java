package uk.nhs.gp2gp.suspension;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.gp2gp.scheduler.TaskHandler;

/** The repository's retention: a released record's deletion, due when its retention period ends. */
@ApplicationScoped
public class RepositoryTasks implements TaskHandler {

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

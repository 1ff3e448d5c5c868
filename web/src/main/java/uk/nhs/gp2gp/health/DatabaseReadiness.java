package uk.nhs.gp2gp.health;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import uk.nhs.gp2gp.database.DatabaseStartup;

/** Ready to take work when the database answers and its schema is up to date. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @EJB
    private DatabaseStartup database;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database").status(database.isReady()).build();
    }
}

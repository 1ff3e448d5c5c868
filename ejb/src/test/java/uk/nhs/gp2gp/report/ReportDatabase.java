package uk.nhs.gp2gp.report;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import uk.nhs.gp2gp.database.ConfiguredDataSource;
import uk.nhs.gp2gp.database.TestDatabase;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.transfer.Transfer;

/**
 * A migrated database for the report's SQL: a fresh in-memory H2 in PostgreSQL mode, or the
 * PostgreSQL named by {@code gp2gp.test.db.url} (emptied first), as the schema test does.
 */
final class ReportDatabase {

    private ReportDatabase() {
    }

    static EntityManagerFactory migrated() {
        ConfiguredDataSource dataSource = TestDatabase.migrated("reports");
        return new HibernatePersistenceConfiguration("reports")
                .managedClasses(Practice.class, Transfer.class, PaperFallback.class)
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
    }
}

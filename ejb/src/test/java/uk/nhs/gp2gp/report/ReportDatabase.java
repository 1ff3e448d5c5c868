package uk.nhs.gp2gp.report;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import uk.nhs.gp2gp.database.ConfiguredDataSource;
import uk.nhs.gp2gp.database.SchemaMigrations;
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
        ConfiguredDataSource dataSource = new ConfiguredDataSource();
        String url = System.getProperty("gp2gp.test.db.url", "");
        if (url.isBlank()) {
            dataSource.setUrl("jdbc:h2:mem:reports-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            dataSource.setPassword("");
        } else {
            dataSource.setUrl(url);
            dataSource.setUser(System.getProperty("gp2gp.test.db.user", "postgres"));
            dataSource.setPassword(System.getProperty("gp2gp.test.db.password", ""));
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists public cascade");
                statement.execute("create schema public");
            } catch (Exception e) {
                throw new IllegalStateException("Could not reset the PostgreSQL test database", e);
            }
        }
        SchemaMigrations.migrate(dataSource);
        return new HibernatePersistenceConfiguration("reports")
                .managedClasses(Practice.class, Transfer.class, PaperFallback.class)
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
    }
}

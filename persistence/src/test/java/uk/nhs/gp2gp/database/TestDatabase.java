package uk.nhs.gp2gp.database;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

/**
 * The database a test runs against: a fresh in-memory H2 in PostgreSQL mode, or the PostgreSQL named
 * by {@code gp2gp.test.db.url} (with {@code gp2gp.test.db.user} and {@code .password}), emptied first,
 * as CI's PostgreSQL pass gives it. Shared by the persistence and ejb modules' tests (a test-jar).
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** An empty database; {@code name} tells one test's H2 from another's. */
    public static ConfiguredDataSource empty(String name) {
        ConfiguredDataSource dataSource = new ConfiguredDataSource();
        String url = System.getProperty("gp2gp.test.db.url", "");
        if (url.isBlank()) {
            dataSource.setUrl("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            dataSource.setUser("sa");
            dataSource.setPassword("");
            return dataSource;
        }
        dataSource.setUrl(url);
        dataSource.setUser(System.getProperty("gp2gp.test.db.user", "postgres"));
        dataSource.setPassword(System.getProperty("gp2gp.test.db.password", ""));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists public cascade");
            statement.execute("create schema public");
        } catch (Exception e) {
            throw new IllegalStateException("Could not reset the PostgreSQL test database", e);
        }
        return dataSource;
    }

    /** An empty database with the schema migrated, as the application would. */
    public static ConfiguredDataSource migrated(String name) {
        ConfiguredDataSource dataSource = empty(name);
        SchemaMigrations.migrate(dataSource);
        return dataSource;
    }
}

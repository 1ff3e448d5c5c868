package uk.nhs.gp2gp.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Flyway owns the schema. The same scripts run on H2 (in PostgreSQL mode) and on PostgreSQL, but
 * for the few under db/vendor/h2 and db/vendor/postgresql.
 * Applied scripts are never edited; changes come as new versions.
 */
public final class SchemaMigrations {

    public static final String LOCATION = "classpath:db/migration";
    /** The few migrations that each database says in its own way (triggers), one version in each folder. */
    private static final String VENDOR_LOCATION = "classpath:db/vendor/";

    private SchemaMigrations() {
    }

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION, VENDOR_LOCATION + vendor(dataSource))
                .validateMigrationNaming(true)
                .load();
    }

    /** "h2" or "postgresql", as the database names itself. */
    private static String vendor(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IllegalStateException("The database does not answer: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Brings the schema up to date; returns how many migrations were applied now. */
    public static int migrate(DataSource dataSource) {
        return flyway(dataSource).migrate().migrationsExecuted;
    }

    /** True when every known migration has been applied and none failed. */
    public static boolean upToDate(DataSource dataSource) {
        Flyway flyway = flyway(dataSource);
        MigrationInfo[] pending = flyway.info().pending();
        MigrationInfo current = flyway.info().current();
        return pending.length == 0 && current != null && current.getState().isApplied()
                && !current.getState().isFailed();
    }
}

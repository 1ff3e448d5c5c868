package uk.nhs.gp2gp.database;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Flyway owns the schema. The same scripts run on H2 (in PostgreSQL mode) and on PostgreSQL.
 * Applied scripts are never edited; changes come as new versions.
 */
public final class SchemaMigrations {

    public static final String LOCATION = "classpath:db/migration";

    private SchemaMigrations() {
    }

    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATION)
                .validateMigrationNaming(true)
                .load();
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

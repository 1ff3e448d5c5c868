package uk.nhs.gp2gp.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Defines the application's data source and brings the schema up to date before anything uses
 * JPA: every other start-up bean depends on this one. Also answers the readiness check.
 */
@DataSourceDefinition(
        name = DatabaseStartup.DATA_SOURCE,
        className = "uk.nhs.gp2gp.database.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        isolationLevel = Connection.TRANSACTION_READ_COMMITTED)
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseStartup {

    public static final String DATA_SOURCE = "java:app/jdbc/gp2gp";
    private static final System.Logger LOG = System.getLogger(DatabaseStartup.class.getName());

    @Resource(lookup = DATA_SOURCE)
    private DataSource dataSource;

    /**
     * Hibernate logs the database's error text, and PostgreSQL's and H2's quote the row's values
     * (an NHS number in a duplicate-key error, for instance): that logger stays silent, and the
     * failures are reported by our own code, by conversation id. Held here so it is not collected.
     */
    private static final java.util.logging.Logger SQL_ERRORS =
            java.util.logging.Logger.getLogger("org.hibernate.engine.jdbc.spi.SqlExceptionHelper");

    /** Migrations only change when the application is deployed, so checking once is enough. */
    private volatile boolean migrated;

    @PostConstruct
    void migrate() {
        SQL_ERRORS.setLevel(java.util.logging.Level.OFF);
        int applied = SchemaMigrations.migrate(dataSource);
        migrated = SchemaMigrations.upToDate(dataSource);
        LOG.log(Level.INFO, "Database schema up to date ({0} migrations applied now)", applied);
    }

    /** Ready = every migration has been applied and the database answers now. */
    @PermitAll // the readiness probe (/health) has no caller
    public boolean isReady() {
        if (!migrated) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Database not ready: {0}", e.getClass().getSimpleName());
            return false;
        }
    }
}

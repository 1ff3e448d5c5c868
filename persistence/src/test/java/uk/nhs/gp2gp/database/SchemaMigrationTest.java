package uk.nhs.gp2gp.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.audit.AuditEvent;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.record.PatientRecord;
import uk.nhs.gp2gp.report.PaperFallback;
import uk.nhs.gp2gp.scheduler.ScheduledTask;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferMessage;
import uk.nhs.gp2gp.transfer.TransferPart;
import uk.nhs.gp2gp.transport.OutboxMessage;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.security.ApiClient;
import uk.nhs.gp2gp.security.ConsoleUser;

/**
 * The migrations apply to an empty database and the entities match the tables they create
 * (Hibernate's schema validation). Runs on a fresh in-memory H2 database in PostgreSQL mode, and
 * on PostgreSQL too when {@code gp2gp.test.db.url} names one (CI does).
 */
@Tag("database")
class SchemaMigrationTest {

    static ConfiguredDataSource dataSource() {
        return TestDatabase.empty("migration");
    }

    @Test
    void migrationsApplyToAnEmptyDatabaseAndEntitiesMatchTheSchema() {
        ConfiguredDataSource dataSource = dataSource();

        int applied = SchemaMigrations.migrate(dataSource);

        assertTrue(applied >= 1, "at least V1 applies");
        assertTrue(SchemaMigrations.upToDate(dataSource));
        assertEquals(0, SchemaMigrations.migrate(dataSource), "a second start applies nothing");

        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("schema-check")
                .managedClasses(Practice.class, ApiClient.class, ConsoleUser.class, AuditEvent.class, Transfer.class,
                        TransferMessage.class, StoredContent.class, PatientRecord.class, OutboxMessage.class,
                        ScheduledTask.class, PaperFallback.class, TransferPart.class)
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.hbm2ddl.auto", "validate");
        try (EntityManagerFactory factory = configuration.createEntityManagerFactory()) {
            Instant now = Instant.now();
            factory.runInTransaction(em -> {
                Practice practice = new Practice(OdsCode.of("A12345"), now);
                practice.update("Synthetic Surgery", "200000000001", "A12345-000001", true, null, "test", now);
                em.persist(practice);
                em.persist(new ApiClient("schema-test", "f".repeat(64), "abcd1234", Set.of("ADMIN"), Set.of("*"), now));
            });
            factory.runInTransaction(em -> {
                ApiClient client = em.createNamedQuery(ApiClient.BY_NAME, ApiClient.class)
                        .setParameter("name", "schema-test").getSingleResult();
                assertEquals(Set.of("ADMIN"), client.getRoles());
                assertTrue(client.mayActFor("B86041"));
                assertEquals("Synthetic Surgery", em.find(Practice.class, "A12345").getName());
            });
        }
    }

    @Test
    void theAuditTrailTakesNewLinesAndRefusesToChangeOrLoseAny() throws Exception {
        ConfiguredDataSource dataSource = dataSource();
        SchemaMigrations.migrate(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into audit_event (id, occurred_at, actor, actor_type, action, outcome)"
                    + " values (1, current_timestamp, 'tester', 'USER', 'READ_EHR', 'SUCCESS')");
            for (String change : new String[] {"update audit_event set actor = 'someone else' where id = 1",
                    "delete from audit_event where id = 1"}) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), change);
                assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            }
            try (ResultSet rows = statement.executeQuery("select actor from audit_event where id = 1")) {
                assertTrue(rows.next());
                assertEquals("tester", rows.getString(1), "the line is as it was written");
            }
        }
    }
}

package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.PracticeConflictException;
import uk.nhs.gp2gp.practice.PracticeDetails;
import uk.nhs.gp2gp.practice.Practices;

/**
 * A sender is identified by its ASID or its whole party key, so no two practices in the directory may
 * share either: the directory refuses it naming the field, and the database (V13) would refuse it too.
 */
@Tag("database")
class PracticeDirectoryComponentTest {

    private static Gp2gpWorld world;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld();
        put("P99201", "900000009201", "P99201-9201");
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aSecondPracticeWithTheSameAsidIsRefusedNamingTheAsid() {
        PracticeConflictException refused = assertThrows(PracticeConflictException.class,
                () -> put("P99202", "900000009201", "P99202-9202"));
        assertEquals("asid", refused.field());
        assertTrue(refused.getMessage().contains("P99201"), refused.getMessage());
        assertTrue(world.inTransaction(() -> world.bean(Practices.class).find(OdsCode.of("P99202"))).isEmpty());
    }

    @Test
    void aSecondPracticeWithTheSamePartyKeyInAnyCaseIsRefusedNamingThePartyKey() {
        PracticeConflictException refused = assertThrows(PracticeConflictException.class,
                () -> put("P99203", "900000009203", "p99201-9201"));
        assertEquals("partyKey", refused.field());
    }

    @Test
    void aPracticeKeepsItsOwnAsidAndPartyKeyWhenItsDetailsChange() {
        put("P99201", "900000009201", "P99201-9201");
        assertEquals("900000009201", world.inTransaction(() -> world.bean(Practices.class)
                .find(OdsCode.of("P99201")).orElseThrow().getAsid()));
    }

    @Test
    void theDatabaseRefusesASharedAsidOrPartyKeyWrittenPastTheDirectory() {
        assertThrows(PersistenceException.class, () -> world.inTransaction(() ->
                world.bean(Writer.class).insert("P99204", "900000009201", "P99204-9204")));
        assertThrows(PersistenceException.class, () -> world.inTransaction(() ->
                world.bean(Writer.class).insert("P99205", "900000009205", "p99201-9201")));
    }

    private static void put(String ods, String asid, String partyKey) {
        world.inTransaction(() -> world.bean(Practices.class).put(OdsCode.of(ods),
                new PracticeDetails("Synthetic Surgery " + ods, asid, partyKey, false, null, null)));
    }

    /** Writes a practice straight to the database, as a careless script would. */
    static class Writer {
        @PersistenceContext
        private EntityManager em;

        boolean insert(String ods, String asid, String partyKey) {
            Practice practice = new Practice(OdsCode.of(ods), Instant.now());
            practice.update("Synthetic Surgery " + ods, asid, partyKey, false, null, null, Instant.now());
            em.persist(practice);
            em.flush();
            return true;
        }
    }
}

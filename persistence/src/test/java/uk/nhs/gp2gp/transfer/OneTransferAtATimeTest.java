package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.database.ConfiguredDataSource;
import uk.nhs.gp2gp.database.TestDatabase;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;

/**
 * The database keeps one transfer at a time for a patient and requesting practice: two nodes asking
 * at once get one transfer, and the other's insert is refused in a way the workflow recognises (and
 * answers with 409). On a fresh in-memory H2 in PostgreSQL mode, and on the PostgreSQL named by
 * {@code gp2gp.test.db.url} when there is one (emptied first), as the schema test does.
 */
@Tag("database")
class OneTransferAtATimeTest {

    private static final NhsNumber PATIENT = NhsNumber.of("9990000018");
    private static final OdsCode NEW_PRACTICE = OdsCode.of("Q99001");
    private static final OdsCode OLD_PRACTICE = OdsCode.of("Q99002");

    private EntityManagerFactory database;

    @BeforeEach
    void migrated() {
        ConfiguredDataSource dataSource = TestDatabase.migrated("one-at-a-time");
        database = new HibernatePersistenceConfiguration("one-at-a-time")
                .managedClasses(Transfer.class)
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .createEntityManagerFactory();
    }

    @AfterEach
    void closed() {
        database.close();
    }

    @Test
    void twoRequestsAtOnceForOnePatientAndPracticeMakeOneTransfer() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService twoNodes = Executors.newFixedThreadPool(2);
        List<CompletableFuture<String>> requests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            requests.add(CompletableFuture.supplyAsync(() -> {
                try {
                    database.runInTransaction(em -> {
                        em.persist(requester());
                        try {
                            together.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        em.flush();
                    });
                    return "started";
                } catch (PersistenceException e) {
                    return OneTransferAtATime.brokenBy(e) ? "refused" : "failed otherwise: " + e;
                }
            }, twoNodes));
        }
        List<String> outcomes = new ArrayList<>();
        for (CompletableFuture<String> request : requests) {
            outcomes.add(request.get(60, TimeUnit.SECONDS));
        }
        twoNodes.shutdown();
        outcomes.sort(null);
        assertEquals(List.of("refused", "started"), outcomes);
        assertEquals(1L, openTransfers());
    }

    @Test
    void aTransferThatEndedMakesRoomForTheNext() {
        Transfer first = requester();
        database.runInTransaction(em -> em.persist(first));
        PersistenceException second = assertThrows(PersistenceException.class,
                () -> database.runInTransaction(em -> em.persist(requester())));
        assertTrue(OneTransferAtATime.brokenBy(second), second.toString());
        for (Throwable cause = second; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains(PATIENT.value()),
                    "the refusal, which is logged, names no NHS number: " + cause.getMessage());
        }

        database.runInTransaction(em -> em.find(Transfer.class, first.getId())
                .fail(TransferStatus.TIMED_OUT, null, "no extract", Instant.now()));
        database.runInTransaction(em -> em.persist(requester()));
        assertEquals(1L, openTransfers());
    }

    @Test
    void theSenderSideAndOtherPracticesAreNotHeldBack() {
        database.runInTransaction(em -> {
            em.persist(requester());
            em.persist(new Transfer(UUID.randomUUID().toString().toUpperCase(), TransferRole.SENDER, PATIENT,
                    NEW_PRACTICE, OLD_PRACTICE, Instant.now()));
            em.persist(new Transfer(UUID.randomUUID().toString().toUpperCase(), TransferRole.REQUESTER, PATIENT,
                    OdsCode.of("Q99003"), OLD_PRACTICE, Instant.now()));
        });
        assertEquals(2L, openTransfers());
    }

    @Test
    void otherRefusalsAreNotTakenForThisOne() {
        Transfer first = requester();
        database.runInTransaction(em -> em.persist(first));
        Transfer sameConversation = new Transfer(first.getConversationId(), TransferRole.REQUESTER, PATIENT,
                OdsCode.of("Q99003"), OLD_PRACTICE, Instant.now());
        PersistenceException e = assertThrows(PersistenceException.class,
                () -> database.runInTransaction(em -> em.persist(sameConversation)));
        assertFalse(OneTransferAtATime.brokenBy(e), e.toString());
    }

    private static Transfer requester() {
        return new Transfer(UUID.randomUUID().toString().toUpperCase(), TransferRole.REQUESTER, PATIENT, NEW_PRACTICE,
                OLD_PRACTICE, Instant.now());
    }

    private long openTransfers() {
        return database.callInTransaction(em -> em.createQuery("select count(t) from Transfer t where t.status in"
                + " (uk.nhs.gp2gp.transfer.TransferStatus.REQUESTED, uk.nhs.gp2gp.transfer.TransferStatus.WAITING_FOR_PARTS,"
                + " uk.nhs.gp2gp.transfer.TransferStatus.READY_TO_INTEGRATE)", Long.class).getSingleResult());
    }
}

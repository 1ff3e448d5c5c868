package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.audit.AuditEvent;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.transfer.InboundDeadLetters;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transport.InboundDeadLetter;
import uk.nhs.gp2gp.transport.InboundDeadLetterSummary;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * A message of the inbound queue set aside is kept with why (in short for the console, the door's detail
 * besides; its envelope stored, as binary, on H2 and PostgreSQL alike); set aside again after a
 * redelivery it stays one row with every attempt counted, while another envelope under the same key is
 * kept beside it. An operator's "Process again" takes it through the door: processed, the row goes;
 * refused again, it stays with the new reason; audited either way. After its retention it is deleted.
 */
@Tag("database")
class InboundDeadLettersComponentTest {

    private static Gp2gpWorld world;

    /** The rows themselves, as the database has them. */
    static class Rows {
        @PersistenceContext(unitName = "gp2gp")
        EntityManager em;
    }

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aMessageSetAsideIsKeptOnceWithEveryAttemptAndTheLatestReason() {
        String queueMessageId = "ID:" + UUID.randomUUID();
        String messageId = UUID.randomUUID().toString();
        byte[] envelope = "{\"ebXML\": \"\u00e9\"}".getBytes(StandardCharsets.UTF_8);

        setAside(queueMessageId, messageId, envelope, 5, "Refused (REFUSED)", "first");
        setAside(queueMessageId, messageId, envelope, 3, "Refused (REFUSED)", "again: the door's own words");

        List<InboundDeadLetterSummary> kept = kept(messageId);
        assertEquals(1, kept.size());
        assertEquals(8, kept.get(0).attempts());
        assertEquals("Refused (REFUSED)", kept.get(0).reason(), "the console is shown the kind, never the detail");
        assertEquals("C-1", kept.get(0).correlationId());
        assertEquals(envelope.length, kept.get(0).envelopeSize());
        assertEquals("again: the door's own words", row(kept.get(0).id()).getReasonDetail());
    }

    @Test
    void anotherEnvelopeUnderTheSameKeyIsKeptBesideTheFirstNotLost() {
        String messageId = UUID.randomUUID().toString();
        String sharedKey = "mhs:" + messageId;
        byte[] first = "{\"ebXML\": \"first\"}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"ebXML\": \"second\"}".getBytes(StandardCharsets.UTF_8);

        setAside(sharedKey, messageId, first, 1, "Refused (REFUSED)", null);
        setAside(sharedKey, messageId, second, 1, "Refused (REFUSED)", null);
        setAside(sharedKey, messageId, second, 1, "Refused (REFUSED)", null);

        List<InboundDeadLetterSummary> kept = kept(messageId);
        assertEquals(2, kept.size());
        Set<String> envelopes = Set.of(new String(row(kept.get(0).id()).getEnvelope(), StandardCharsets.UTF_8),
                new String(row(kept.get(1).id()).getEnvelope(), StandardCharsets.UTF_8));
        assertEquals(Set.of("{\"ebXML\": \"first\"}", "{\"ebXML\": \"second\"}"), envelopes);
        assertEquals(3, kept.stream().mapToInt(InboundDeadLetterSummary::attempts).sum());
    }

    @Test
    void processedAgainTheMessageLeavesTheListAndTheOperatorsActionIsAudited() {
        Gp2gpMessage request = requestForRegisteredPatient();
        long id = setAsideNow(request);

        InboundOutcome outcome = world.inTransaction(() -> deadLetters().processAgain(id, "operator-1"));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        assertNull(row(id), "no longer set aside");
        assertEquals(TransferStatus.EXTRACT_SENT,
                world.transfer(request.conversationId(), TransferRole.SENDER).getStatus());
        AuditEvent audited = audited(id);
        assertEquals("operator-1", audited.getActor());
        assertEquals(AuditEvent.Outcome.SUCCESS, audited.getOutcome());
        assertEquals("PROCESSED", audited.getDetail());
    }

    @Test
    void aMessageTakenMeanwhileIsADuplicateAndLeavesTheListToo() {
        Gp2gpMessage request = requestForRegisteredPatient();
        long id = setAsideNow(request);
        world.receive(request);

        InboundOutcome outcome = world.inTransaction(() -> deadLetters().processAgain(id, "operator-1"));

        assertEquals(InboundOutcome.Kind.DUPLICATE, outcome.kind());
        assertNull(row(id));
    }

    @Test
    void refusedAgainTheMessageStaysWithTheNewReason() {
        String messageId = UUID.randomUUID().toString();
        setAside("ID:" + UUID.randomUUID(), messageId, "<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8),
                1, "Not processed: PersistenceException", null);
        long id = kept(messageId).get(0).id();

        InboundOutcome outcome = world.inTransaction(() -> deadLetters().processAgain(id, "operator-1"));

        assertEquals(InboundOutcome.Kind.REFUSED, outcome.kind());
        InboundDeadLetter stays = row(id);
        assertEquals("Refused (REFUSED)", stays.getReason());
        assertTrue(stays.getReasonDetail().startsWith("Unreadable"), stays.getReasonDetail());
        assertEquals(2, stays.getAttempts());
        assertEquals(AuditEvent.Outcome.FAILED, audited(id).getOutcome());
    }

    @Test
    void onlyTheConsolesOperatorsMayProcessAMessageAgain() throws Exception {
        RolesAllowed roles = InboundDeadLetters.class.getMethod("processAgain", long.class, String.class)
                .getAnnotation(RolesAllowed.class);

        assertEquals(Set.of("ADMIN", "OPERATOR"), Set.of(roles.value()));
    }

    @Test
    void aMessageSetAsideIsDeletedWhenItsRetentionEnds() {
        String messageId = UUID.randomUUID().toString();
        setAside("ID:" + UUID.randomUUID(), messageId, "{}".getBytes(StandardCharsets.UTF_8), 1, "Refused (REFUSED)",
                null);
        long id = kept(messageId).get(0).id();

        world.clock.advance(Duration.ofDays(29));
        world.runDueTasks();
        assertEquals(id, row(id).getId(), "kept for 30 days by default");

        world.clock.advance(Duration.ofDays(1).plusMinutes(1));
        world.runDueTasks();
        assertNull(row(id), "deleted, envelope and all, after its retention");
    }

    private static Gp2gpMessage requestForRegisteredPatient() {
        String patient = world.patientRegisteredAt(PARTNER.odsCode());
        world.storeRecord(patient);
        return world.partner.ehrRequest(UUID.randomUUID().toString().toUpperCase(), patient, PARTNER, HOSTED);
    }

    /** As the consumer sets it aside after the database was away at every attempt. */
    private static long setAsideNow(Gp2gpMessage message) {
        byte[] envelope = Gp2gpWorld.json(message).getBytes(StandardCharsets.UTF_8);
        setAside("ID:" + UUID.randomUUID(), message.messageId(), envelope, 10, "Not processed: PersistenceException",
                null);
        long id = kept(message.messageId()).get(0).id();
        assertArrayEquals(envelope, row(id).getEnvelope());
        return id;
    }

    private static InboundDeadLetters deadLetters() {
        return world.bean(InboundDeadLetters.class);
    }

    private static List<InboundDeadLetterSummary> kept(String messageId) {
        return world.inTransaction(() -> deadLetters().recent(1000)).stream()
                .filter(letter -> messageId.equals(letter.messageId())).toList();
    }

    private static InboundDeadLetter row(long id) {
        return world.inTransaction(() -> world.bean(Rows.class).em.find(InboundDeadLetter.class, id));
    }

    private static AuditEvent audited(long id) {
        return world.inTransaction(() -> world.bean(Rows.class).em.createQuery("select a from AuditEvent a where "
                        + "a.action = 'INBOUND_MESSAGE_PROCESS_AGAIN' and a.targetId = :id order by a.id desc",
                AuditEvent.class).setParameter("id", String.valueOf(id)).setMaxResults(1).getSingleResult());
    }

    private static void setAside(String queueMessageId, String messageId, byte[] envelope, int attempts, String reason,
            String detail) {
        world.inTransaction(() -> deadLetters().setAside(queueMessageId, messageId, "C-1", envelope, attempts, reason,
                detail));
    }
}

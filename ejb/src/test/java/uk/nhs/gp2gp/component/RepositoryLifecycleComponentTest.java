package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.demographics.LocalDemographics;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.practice.PracticeDetails;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.suspension.RegistrationEvents;
import uk.nhs.gp2gp.suspension.SuspendedRecords;
import uk.nhs.gp2gp.suspension.Suspension;
import uk.nhs.gp2gp.suspension.SuspensionStatus;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferActions;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * The repository's lifecycle as the national one's: a released record is sent again when asked within
 * its retention period, and an intake that timed out is asked for again by itself after
 * gp2gp.repository.retry-after, up to gp2gp.repository.retry-limit times.
 */
@Tag("database")
class RepositoryLifecycleComponentTest {

    private static final PracticeSystem REPOSITORY = new PracticeSystem("R99900", "999999999999",
            "R99900-999999999999");
    /** The practice the patient registers at afterwards: a partner, not hosted here. */
    private static final PracticeSystem NEW_PRACTICE = new PracticeSystem("P99103", "900000009103", "P99103-9103");
    private static final Duration RETENTION = Duration.ofDays(56);
    /** More files than one message carries (98): such a record goes out by large messaging. */
    private static final List<OutgoingFile> LARGE = IntStream.rangeClosed(1, 99)
            .mapToObj(i -> OutgoingFile.inline("letter-" + i + ".txt", "text/plain", 16)).toList();
    private static final Duration FINAL_ACK_TIMEOUT = Duration.ofDays(8);
    private static final Duration EXTRACT_TIMEOUT = Duration.ofHours(4).plusMinutes(10);
    private static Gp2gpWorld world;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld(Map.of("gp2gp.repository.ods", REPOSITORY.odsCode(), "gp2gp.repository.asid",
                REPOSITORY.asid(), "gp2gp.repository.retry-limit", "1"));
        world.inTransaction(() -> {
            Practices practices = world.bean(Practices.class);
            practices.put(OdsCode.of(REPOSITORY.odsCode()), new PracticeDetails("Synthetic repository",
                    REPOSITORY.asid(), REPOSITORY.partyKey(), true, null, "GP2GP Hub", true, null));
            practices.put(OdsCode.of(NEW_PRACTICE.odsCode()), new PracticeDetails("Synthetic New Surgery",
                    NEW_PRACTICE.asid(), NEW_PRACTICE.partyKey(), false, null, null));
        });
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aReleasedUk07RecordAskedForAgainWithinItsRetentionIsSentAgainAsUk07AndRefusedWith06OnlyOnceDeleted() {
        String patient = suspendedFromPartner();
        receiveTheRecordFromPartner(patient);
        assertEquals(SuspensionStatus.COMPLETE, suspension(patient).getStatus());
        registeredAt(patient, NEW_PRACTICE.odsCode());

        Transfer first = askFromNewPractice(patient);
        assertEquals(TransferStatus.EXTRACT_SENT, first.getStatus());
        assertEquals(Interaction.EHR_EXTRACT_UK07, world.sent(first).get(0).interaction().orElseThrow(),
                "a UK07 record is re-sent as UK07");
        world.receive(world.partner.acknowledgement(first.getConversationId(), NEW_PRACTICE, REPOSITORY,
                first.getExtractMessageId(), Acknowledgement.Type.AA, null, null));
        assertEquals(SuspensionStatus.RELEASED, suspension(patient).getStatus());

        world.clock.advance(Duration.ofDays(20));
        Transfer again = askFromNewPractice(patient);
        assertEquals(TransferStatus.EXTRACT_SENT, again.getStatus(), "sent again within the retention period");
        assertEquals(Interaction.EHR_EXTRACT_UK07, world.sent(again).get(0).interaction().orElseThrow());

        world.clock.advance(RETENTION.plusDays(1));
        world.runDueTasks();
        assertEquals(SuspensionStatus.DELETED, suspension(patient).getStatus());
        Transfer afterDeletion = askFromNewPractice(patient);
        assertEquals(TransferStatus.REFUSED, afterDeletion.getStatus());
        assertEquals("06", afterDeletion.getFailureCode());
    }

    /**
     * Sent again by large messaging near the end of its retention, the record is not deleted while its
     * parts are still to go: the continue request finds them, the transfer completes, and the record is
     * deleted only after its new retention period.
     */
    @Test
    void aRecordSentAgainAtTheEndOfItsRetentionIsNotDeletedBeforeItsPartsHaveGone() {
        String patient = releasedToNewPractice();

        world.clock.advance(RETENTION.minusDays(1));
        Transfer again = askFromNewPractice(patient);
        assertEquals(List.of(Interaction.EHR_EXTRACT_UK07), interactions(again), "the files follow the continue");
        world.clock.advance(Duration.ofDays(2));
        world.runDueTasks();
        assertEquals(SuspensionStatus.RELEASED, suspension(patient).getStatus(),
                "not deleted while parts of the record are still to go");

        world.receive(world.partner.continueRequest(again.getConversationId(), NEW_PRACTICE, REPOSITORY,
                again.getExtractMessageId()));
        List<Interaction> sent = interactions(again);
        assertEquals(2 + LARGE.size(), sent.size(), "the continue request found every file: " + sent);
        assertEquals(Interaction.ACKNOWLEDGEMENT, sent.get(sent.size() - 1));
        finalAcknowledgement(again);
        assertEquals(TransferStatus.COMPLETE, world.transfer(again.getConversationId(), TransferRole.SENDER)
                .getStatus(), "the re-send completes");
        world.clock.advance(RETENTION.minusDays(1));
        world.runDueTasks();
        assertEquals(SuspensionStatus.RELEASED, suspension(patient).getStatus(), "the retention started again");
        world.clock.advance(Duration.ofDays(2));
        world.runDueTasks();
        assertEquals(SuspensionStatus.DELETED, suspension(patient).getStatus(), "deleted only after");
    }

    @Test
    void aRecordSentAgainButNeverContinuedIsDeletedOnceTheFinalAcknowledgementWindowIsOver() {
        String patient = releasedToNewPractice();

        world.clock.advance(RETENTION.minusDays(1));
        Transfer again = askFromNewPractice(patient);
        world.clock.advance(Duration.ofDays(2));
        world.runDueTasks();
        assertEquals(SuspensionStatus.RELEASED, suspension(patient).getStatus());

        world.clock.advance(FINAL_ACK_TIMEOUT.plusMinutes(1));
        world.runDueTasks();
        assertEquals(TransferStatus.NOT_INTEGRATED, world.transfer(again.getConversationId(), TransferRole.SENDER)
                .getStatus());
        assertEquals(SuspensionStatus.DELETED, suspension(patient).getStatus());
    }

    @Test
    void aTimedOutIntakeIsAskedForAgainAfterTheRetryPeriodUpToTheLimit() {
        String patient = suspendedFromPartner();
        String firstConversation = suspension(patient).getInboundConversationId();
        world.clock.advance(EXTRACT_TIMEOUT.plusMinutes(1));
        world.runDueTasks();
        assertEquals(SuspensionStatus.TIMED_OUT, suspension(patient).getStatus());

        world.clock.advance(Duration.ofHours(11));
        world.runDueTasks();
        assertEquals(SuspensionStatus.TIMED_OUT, suspension(patient).getStatus(), "not before 12 hours");
        world.clock.advance(Duration.ofHours(1));
        world.runDueTasks();

        Suspension retried = suspension(patient);
        assertEquals(SuspensionStatus.REQUEST_SENT, retried.getStatus());
        assertEquals(1, retried.getIntakeRetries());
        assertNotEquals(firstConversation, retried.getInboundConversationId(), "asked again in a new conversation");
        Transfer retry = world.transfer(retried.getInboundConversationId(), TransferRole.REQUESTER);
        assertEquals(List.of(Interaction.EHR_REQUEST), world.sent(retry).stream()
                .map(m -> m.interaction().orElseThrow()).toList());

        world.clock.advance(EXTRACT_TIMEOUT.plusMinutes(1));
        world.runDueTasks();
        world.clock.advance(Duration.ofHours(13));
        world.runDueTasks();
        assertEquals(SuspensionStatus.TIMED_OUT, suspension(patient).getStatus(), "the limit of 1 retry is reached");
        assertEquals(retried.getInboundConversationId(), suspension(patient).getInboundConversationId());
    }

    @Test
    void anIntakeAnOperatorCancelledIsNotAskedForAgainByItself() {
        String patient = suspendedFromPartner();
        String conversation = suspension(patient).getInboundConversationId();
        world.inTransaction(() -> world.bean(TransferActions.class).cancel(conversation, TransferRole.REQUESTER,
                "operator", "asked for by mistake"));
        assertEquals(SuspensionStatus.FAILED, suspension(patient).getStatus());

        world.clock.advance(Duration.ofHours(13));
        world.runDueTasks();

        assertEquals(SuspensionStatus.FAILED, suspension(patient).getStatus(), "the cancel stands");
        assertEquals(conversation, suspension(patient).getInboundConversationId());
    }

    /** A patient who left the partner practice and registered nowhere: the repository asks for the record. */
    private static String suspendedFromPartner() {
        String patient = Gp2gpWorld.newPatient();
        world.inTransaction(() -> world.bean(LocalDemographics.class).put(new NhsNumber(patient), null,
                PARTNER.odsCode(), false, null));
        RegistrationEvents.Answer answer = world.inTransaction(() -> world.bean(RegistrationEvents.class)
                .receive(MessageIds.newId(), new NhsNumber(patient), RegistrationEvents.Type.DEREGISTRATION,
                        OdsCode.of(PARTNER.odsCode()), world.clock.instant()));
        assertEquals("SUSPENSION_STARTED", answer.outcome(), answer.detail());
        return patient;
    }

    private static void receiveTheRecordFromPartner(String patient) {
        receiveTheRecordFromPartner(patient, List.of());
    }

    private static void receiveTheRecordFromPartner(String patient, List<OutgoingFile> files) {
        Transfer intake = world.transfer(suspension(patient).getInboundConversationId(), TransferRole.REQUESTER);
        EhrRequest request = (EhrRequest) world.sent(intake).get(0).payload();
        // A redaction-capable record (UK07): the repository sends it on as it came.
        world.receive(world.partner.ehrExtract(Interaction.EHR_EXTRACT_UK07, intake.getConversationId(), request,
                PARTNER, REPOSITORY, files, false));
        assertEquals(SuspensionStatus.COMPLETE, suspension(patient).getStatus());
    }

    private static Transfer askFromNewPractice(String patient) {
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, NEW_PRACTICE, REPOSITORY);
        InboundOutcome outcome = world.receive(request);
        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        return world.transfer(request.conversationId(), TransferRole.SENDER);
    }

    /**
     * The repository holds the patient's record (one too many files for one message, so it goes out by
     * large messaging), sent it to the new practice, which integrated it.
     */
    private static String releasedToNewPractice() {
        String patient = suspendedFromPartner();
        receiveTheRecordFromPartner(patient, LARGE);
        registeredAt(patient, NEW_PRACTICE.odsCode());
        finalAcknowledgement(askFromNewPractice(patient));
        assertEquals(SuspensionStatus.RELEASED, suspension(patient).getStatus());
        return patient;
    }

    private static List<Interaction> interactions(Transfer transfer) {
        return world.sent(transfer).stream().map(m -> m.interaction().orElseThrow()).toList();
    }

    private static void finalAcknowledgement(Transfer sent) {
        InboundOutcome outcome = world.receive(world.partner.acknowledgement(sent.getConversationId(), NEW_PRACTICE,
                REPOSITORY, sent.getExtractMessageId(), Acknowledgement.Type.AA, null, null));
        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
    }

    private static void registeredAt(String patient, String odsCode) {
        world.inTransaction(() -> world.bean(LocalDemographics.class).put(new NhsNumber(patient), odsCode,
                REPOSITORY.odsCode(), false, null));
    }

    private static Suspension suspension(String patient) {
        return world.inTransaction(() -> world.bean(SuspendedRecords.class).latest(patient).orElseThrow());
    }
}

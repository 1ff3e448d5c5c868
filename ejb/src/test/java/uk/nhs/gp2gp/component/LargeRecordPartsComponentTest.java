package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.ExternalAttachment;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * Large messaging on the requester's side (protocol 2.2, 4.4, 6.2): parts in either order,
 * duplicates, and the timeout of a part that never comes, on the real beans and database.
 */
@Tag("database")
class LargeRecordPartsComponentTest {

    private static final List<OutgoingFile> TWO_SCANS = List.of(
            OutgoingFile.external("scan-1.pdf", "application/pdf", 16, true),
            OutgoingFile.external("scan-2.pdf", "application/pdf", 24, true));

    private static Gp2gpWorld world;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void partsAfterTheCoreCompleteTheRecordOnceTheLastIsHere() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, TWO_SCANS);

        world.receive(extract);
        assertEquals(TransferStatus.WAITING_FOR_PARTS, status(transfer));
        assertEquals(Interaction.COPC, last(transfer).interaction().orElseThrow(), "the continue request goes out");
        world.receive(part(transfer, extract, 0));
        assertEquals(TransferStatus.WAITING_FOR_PARTS, status(transfer));
        world.receive(part(transfer, extract, 1));

        assertEquals(TransferStatus.READY_TO_INTEGRATE, status(transfer));
        assertPositivelyAcknowledged(last(transfer), extract.externalAttachments().get(1).messageId());
    }

    @Test
    void partsBeforeTheCoreAreKeptAndTheCoreCompletesTheRecord() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, TWO_SCANS);

        assertEquals(InboundOutcome.Kind.PROCESSED, world.receive(part(transfer, extract, 1)).kind());
        assertEquals(InboundOutcome.Kind.PROCESSED, world.receive(part(transfer, extract, 0)).kind());
        assertEquals(TransferStatus.REQUESTED, status(transfer));
        world.receive(extract);

        assertEquals(TransferStatus.READY_TO_INTEGRATE, status(transfer));
    }

    @Test
    void aPartDeliveredTwiceIsProcessedOnce() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, TWO_SCANS);
        world.receive(extract);
        Gp2gpMessage first = part(transfer, extract, 0);

        assertEquals(InboundOutcome.Kind.PROCESSED, world.receive(first).kind());
        int answered = world.sent(transfer).size();
        assertEquals(InboundOutcome.Kind.DUPLICATE, world.receive(first).kind());

        Transfer waiting = world.transfer(transfer.getConversationId(), TransferRole.REQUESTER);
        assertEquals(TransferStatus.WAITING_FOR_PARTS, waiting.getStatus());
        assertEquals(waiting.getExpectedParts() - 1, waiting.getReceivedParts(), "one part is still missing");
        assertEquals(answered, world.sent(transfer).size(), "the duplicate is not answered again");
    }

    @Test
    void aPartThatNeverComesTimesOutWith31AndALatePartIsAnsweredWith25() {
        Transfer transfer = world.requestRecord();
        Gp2gpMessage extract = world.extractFor(transfer, TWO_SCANS);
        world.receive(extract);
        world.receive(part(transfer, extract, 0));
        int expectedParts = world.transfer(transfer.getConversationId(), TransferRole.REQUESTER).getExpectedParts();
        // The protocol's formula (6.2) with the defaults: 4 h 10 min for the extract, 7 h for each part.
        Duration timeout = Duration.ofHours(4).plusMinutes(10).plus(Duration.ofHours(7).multipliedBy(expectedParts));

        world.clock.advance(timeout.minusMinutes(1));
        world.runDueTasks();
        assertEquals(TransferStatus.WAITING_FOR_PARTS, status(transfer), "not yet");
        world.clock.advance(Duration.ofMinutes(1));
        world.runDueTasks();

        Transfer failed = world.transfer(transfer.getConversationId(), TransferRole.REQUESTER);
        assertEquals(TransferStatus.FAILED, failed.getStatus());
        assertEquals("31", failed.getFailureCode());
        assertNegativelyAcknowledged(last(transfer), extract.messageId(), "31");

        world.receive(part(transfer, extract, 1));
        assertNegativelyAcknowledged(last(transfer), extract.externalAttachments().get(1).messageId(), "25");
        assertEquals(TransferStatus.FAILED, status(transfer));
    }

    /** The COPC carrying the extract's n-th announced file, sent as the message id the extract promised. */
    private static Gp2gpMessage part(Transfer transfer, Gp2gpMessage extract, int n) {
        ExternalAttachment announced = extract.externalAttachments().get(n);
        return world.partner.fragment(transfer.getConversationId(), PARTNER, HOSTED, announced.messageId(),
                OutgoingFile.inline(announced.description().filename(), "application/pdf",
                        announced.description().length()));
    }

    private static Gp2gpMessage last(Transfer transfer) {
        List<Gp2gpMessage> sent = world.sent(transfer);
        return sent.get(sent.size() - 1);
    }

    private static void assertPositivelyAcknowledged(Gp2gpMessage message, String refersTo) {
        Acknowledgement ack = (Acknowledgement) message.payload();
        assertEquals(Acknowledgement.Type.AA, ack.type());
        assertEquals(refersTo, ack.refersTo());
    }

    private static void assertNegativelyAcknowledged(Gp2gpMessage message, String refersTo, String code) {
        Acknowledgement nack = (Acknowledgement) message.payload();
        assertEquals(Acknowledgement.Type.AE, nack.type());
        assertEquals(refersTo, nack.refersTo());
        assertEquals(code, nack.reason().orElseThrow().code());
    }

    private static TransferStatus status(Transfer transfer) {
        return world.transfer(transfer.getConversationId(), TransferRole.REQUESTER).getStatus();
    }
}

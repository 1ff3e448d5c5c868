package uk.nhs.gp2gp.component;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.transport.OutboundMessage;
import uk.nhs.gp2gp.transport.Outbox;

/**
 * Messages go out in parallel, but an acknowledgement only after every message queued before it in
 * its conversation has gone: the request's acknowledgement once the extract and its documents are
 * sent, never overtaking them on a second drain.
 */
@Tag("database")
class OutboxOrderComponentTest {

    private static Gp2gpWorld world;
    private static Outbox outbox;
    /** The messages' stored envelopes belong to a transfer: this one's request is sent before the test. */
    private static long transferId;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld(Map.of());
        outbox = world.bean(Outbox.class);
        transferId = world.requestRecord().getId();
        claimDue().forEach(OutboxOrderComponentTest::sent);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void anAcknowledgementWaitsForWhatWasQueuedBeforeItInItsConversation() {
        String conversation = UUID.randomUUID().toString().toUpperCase();
        long extract = queue(conversation, Interaction.EHR_EXTRACT);
        long document = queue(conversation, Interaction.COPC);
        long acknowledgement = queue(conversation, Interaction.ACKNOWLEDGEMENT);
        String other = UUID.randomUUID().toString().toUpperCase();
        long otherAcknowledgement = queue(other, Interaction.ACKNOWLEDGEMENT);

        List<Long> first = claimDue();
        assertEquals(List.of(extract, document, otherAcknowledgement), first,
                "the parts go together; an acknowledgement with nothing before it goes at once");

        sent(extract);
        assertEquals(List.of(), claimDue(), "the document is still on its way");

        sent(document);
        assertEquals(List.of(acknowledgement), claimDue());
    }

    /** The relay's claim, in a transaction of its own as the relay makes it. */
    private static List<Long> claimDue() {
        return world.inTransaction(() -> outbox.claimDue(10));
    }

    private static void sent(long id) {
        world.inTransaction(() -> outbox.markSent(id));
    }

    private static long queue(String conversation, Interaction interaction) {
        OutboundMessage message = new OutboundMessage(conversation, UUID.randomUUID().toString().toUpperCase(),
                interaction.id(), "Q99001", "Q99002", "{}".getBytes(UTF_8));
        return world.inTransaction(() -> outbox.enqueue(transferId, message)).getId();
    }
}

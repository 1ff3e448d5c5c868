package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.WhoIsSpeakingComponentTest.UNLISTED;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transport.InboundOutcome;

/** Without the MHS adaptor (gp2gp.transport=loopback) nothing routes to a practice the directory does not list. */
@Tag("database")
class NoRouteComponentTest {

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
    void anUnlistedRequesterCannotBeAnsweredAndTheTransferSaysWhy() {
        String patient = world.patientRegisteredAt(UNLISTED.odsCode());
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, UNLISTED, HOSTED);

        InboundOutcome outcome = world.receive(request);

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer transfer = world.transfer(request.conversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.REFUSED, transfer.getStatus());
        assertNull(transfer.getFailureCode(), "no refusal was sent: nothing could carry it");
        assertTrue(transfer.getFailureText().contains("not in the practice directory"), transfer.getFailureText());
        assertTrue(transfer.getFailureText().contains("MHS adaptor"), transfer.getFailureText());
        assertEquals(List.of(), world.sent(transfer), "nothing waits in the outbox for a route that is not there");
    }
}

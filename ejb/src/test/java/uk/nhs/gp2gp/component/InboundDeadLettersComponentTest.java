package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.transport.InboundDeadLetterSummary;
import uk.nhs.gp2gp.transport.InboundDeadLetters;

/**
 * A message of the inbound queue set aside is kept with why (its envelope stored, as binary, on H2 and
 * PostgreSQL alike), and set aside again after a redelivery it stays one row with every attempt counted.
 */
@Tag("database")
class InboundDeadLettersComponentTest {

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
    void aMessageSetAsideIsKeptOnceWithEveryAttemptAndTheLatestReason() {
        InboundDeadLetters deadLetters = world.bean(InboundDeadLetters.class);
        String queueMessageId = "ID:" + UUID.randomUUID();
        byte[] envelope = "{\"ebXML\": \"\u00e9\"}".getBytes(StandardCharsets.UTF_8);

        setAside(deadLetters, queueMessageId, envelope, 5, "Refused: first");
        setAside(deadLetters, queueMessageId, envelope, 3, "Refused: again");

        List<InboundDeadLetterSummary> kept = world.inTransaction(() -> deadLetters.recent(1000)).stream()
                .filter(letter -> "M-1".equals(letter.messageId())).toList();
        assertEquals(1, kept.size());
        assertEquals(8, kept.get(0).attempts());
        assertEquals("Refused: again", kept.get(0).reason());
        assertEquals("C-1", kept.get(0).correlationId());
        assertEquals(envelope.length, kept.get(0).envelopeSize());
    }

    private static void setAside(InboundDeadLetters deadLetters, String queueMessageId, byte[] envelope, int attempts,
            String reason) {
        world.inTransaction(() -> {
            deadLetters.setAside(queueMessageId, "M-1", "C-1", envelope, attempts, reason);
            return null;
        });
    }
}

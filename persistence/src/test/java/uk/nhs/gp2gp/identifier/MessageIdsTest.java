package uk.nhs.gp2gp.identifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void newIdsAreUpperCaseUuids() {
        String id = MessageIds.newId();
        assertTrue(id.matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"), id);
        assertNotEquals(id, MessageIds.newId());
    }

    @Test
    void keepsIdsThatAreNotUuidsAndUpperCasesThem() {
        assertEquals("28B31-4245-4AFC-8DA2-8A40623A5101", MessageIds.normalise("messageId", "28B31-4245-4AFC-8DA2-8A40623A5101"));
        assertEquals("6DCA97DA-6F9D-4ED5-ADD4-CEDECD80FE9D", MessageIds.normalise("messageId", "6dca97da-6f9d-4ed5-add4-cedecd80fe9d"));
    }

    @Test
    void rejectsBlankOverlongAndOddCharacters() {
        assertEquals("conversationId", assertThrows(InvalidIdentifierException.class,
                () -> MessageIds.normalise("conversationId", " ")).field());
        assertThrows(InvalidIdentifierException.class, () -> MessageIds.normalise("messageId", "A".repeat(65)));
        assertThrows(InvalidIdentifierException.class, () -> MessageIds.normalise("messageId", "<script>"));
    }
}

package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReasonCodeTest {

    @Test
    void readsCodesWithOrWithoutTheLeadingZero() {
        assertEquals(ReasonCode.R06, ReasonCode.of("06").orElseThrow());
        assertEquals(ReasonCode.R06, ReasonCode.of("6").orElseThrow(), "reporting data drops the zero");
        assertEquals(ReasonCode.R99, ReasonCode.of(" 99 ").orElseThrow());
    }

    @Test
    void unknownOrJunkCodesAreEmpty() {
        assertTrue(ReasonCode.of("16").isEmpty(), "16 is not a GP2GP code");
        assertTrue(ReasonCode.of(null).isEmpty());
        assertTrue(ReasonCode.of("").isEmpty());
        assertTrue(ReasonCode.of("1e3").isEmpty());
        assertTrue(ReasonCode.of("123").isEmpty());
    }

    @Test
    void theNackTextIsTheEhrRequestAckCodeVocabularys() {
        // As the national repository writes them (prm-repo-ehr-transfer-service AcknowledgementErrorCode).
        assertEquals("Patient not at surgery", ReasonCode.R06.displayName());
        assertEquals("EHR Extract received without corresponding request", ReasonCode.R09.displayName());
        assertEquals("Failed to successfully generate EHR Extract", ReasonCode.R10.displayName());
        assertEquals("Duplicate EHR Extract received", ReasonCode.R12.displayName());
        assertEquals("Failed to successfully integrate EHR Extract", ReasonCode.R11.displayName());
        assertEquals("Large Message general failure", ReasonCode.R30.displayName());
        Arrays.stream(ReasonCode.values()).forEach(code -> assertFalse(code.displayName().isBlank(), code.code()));
    }

    @Test
    void everyCodeSaysWhatItMeansAndWhatToDo() {
        for (ReasonCode code : ReasonCode.values()) {
            assertTrue(code.code().matches("\\d{2}"), code.name());
            assertEquals("R" + code.code(), code.name());
            assertFalse(code.shortName().isBlank());
            assertTrue(code.meaning().endsWith("."), code + " meaning reads as a sentence");
            assertTrue(code.nextStep().endsWith("."), code + " next step reads as a sentence");
        }
        assertEquals(Arrays.stream(ReasonCode.values()).map(ReasonCode::code).distinct().count(),
                ReasonCode.values().length);
    }

    @Test
    void everyCodeOfTheProtocolsReasonCodeTableIsKnown() {
        // gp2gp-protocol.md section 5: 03-15, 17-21, 23-26, 28-31 and 99 (16, 22 and 27 do not exist).
        for (String code : new String[] {"03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14",
                "15", "17", "18", "19", "20", "21", "23", "24", "25", "26", "28", "29", "30", "31", "99"}) {
            assertTrue(ReasonCode.of(code).isPresent(), code + " has a plain-English meaning and next step");
        }
        assertTrue(ReasonCode.of("22").isEmpty());
        assertTrue(ReasonCode.of("27").isEmpty());
    }
}

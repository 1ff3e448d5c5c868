package uk.nhs.gp2gp.identifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NhsNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"9690937286", "9442964410", "9692294935", "9729649588", "9446363101", "9434765919"})
    void acceptsNumbersWithTheRightCheckDigit(String digits) {
        assertEquals(digits, new NhsNumber(digits).value());
        assertTrue(NhsNumber.isValid(digits));
    }

    @Test
    void acceptsTheDisplayFormWithSpaces() {
        assertEquals("9434765919", NhsNumber.of(" 943 476 5919 ").value());
    }

    @Test
    void checkDigitElevenBecomesZero() {
        // 1000000060: 1*10 + 6*2 = 22, 22 mod 11 = 0, 11 - 0 = 11 -> check digit 0.
        assertTrue(NhsNumber.isValid("1000000060"));
        assertFalse(NhsNumber.isValid("1000000061"));
    }

    @Test
    void rejectsAWrongCheckDigitNamingTheField() {
        InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class, () -> new NhsNumber("9690937287"));
        assertEquals("nhsNumber", e.field());
        assertTrue(e.getMessage().contains("modulus 11"));
        assertFalse(e.getMessage().contains("9690937287"), "the message must not repeat the number");
    }

    @Test
    void rejectsNumbersWhoseCheckWouldBeTen() {
        // 1000000010: 10 + 1*2 = 12, 12 mod 11 = 1, 11 - 1 = 10 -> no check digit can make it valid.
        for (int last = 0; last <= 9; last++) {
            assertFalse(NhsNumber.isValid("100000001" + last));
        }
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "969093728", "96909372861", "96909372a6", "Test Harness"})
    void rejectsWhatIsNotTenDigits(String text) {
        assertThrows(InvalidIdentifierException.class, () -> NhsNumber.of(text));
        assertFalse(NhsNumber.isValid(text));
    }

    @Test
    void toStringMasksTheNumberSoItCannotLeakIntoLogs() {
        assertEquals("******7286", new NhsNumber("9690937286").toString());
    }
}

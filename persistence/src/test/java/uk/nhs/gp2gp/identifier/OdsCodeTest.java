package uk.nhs.gp2gp.identifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OdsCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"B86041", "M85019", "A28009", "5EP", "X26", "Y90664", "RHM", "ABCDEFGH"})
    void acceptsRealShapes(String code) {
        assertEquals(code, OdsCode.of(code).value());
    }

    @Test
    void upperCasesAndTrims() {
        assertEquals("B86041", OdsCode.of(" b86041 ").value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"AB", "ABCDEFGHI", "B86-041", "B86 041", "B8604€"})
    void rejectsOtherShapes(String code) {
        InvalidIdentifierException e = assertThrows(InvalidIdentifierException.class, () -> OdsCode.of(code));
        assertEquals("odsCode", e.field());
    }
}

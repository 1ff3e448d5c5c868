package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;

/**
 * A practice is known by its whole party key, its ASID, or the ODS code the HL7 gives, never by a piece
 * of its party key. The keys are real ones (see the shared fixtures' SOURCES.md): YGM24-820388 is
 * M85019's, 5EP-807264 is C88653's.
 */
class PracticeIdentificationTest {

    private static final Practice M85019 = practice("M85019", "928942012545", "YGM24-820388");
    private static final Practice C88653 = practice("C88653", "031759679512", "5EP-807264");
    /** A practice whose ODS code happens to be another practice's party key prefix. */
    private static final Practice YGM24 = practice("YGM24", "900000000024", "YGM24-000001");
    private static final PracticeIdentification.Directory DIRECTORY = directory(List.of(M85019, C88653, YGM24));

    @Test
    void theWholePartyKeyNamesThePracticeWhateverItsPrefix() {
        assertEquals(Optional.of(M85019), identify(null, null, "YGM24-820388"));
        assertEquals(Optional.of(C88653), identify(null, null, "5ep-807264"), "compared without case");
    }

    @Test
    void aPartyKeyTheDirectoryDoesNotHoldNamesNobodyEvenWhenItsPrefixIsAnOdsCode() {
        assertEquals(Optional.empty(), identify(null, null, "YGM24-999999"));
    }

    @Test
    void theAsidNamesThePracticeWhenThePartyKeyIsUnknown() {
        assertEquals(Optional.of(C88653), identify(null, "031759679512", "XYZ-123"));
    }

    @Test
    void theOdsCodeTheHl7GivesNamesThePracticeLast() {
        assertEquals(Optional.of(M85019), identify("M85019", null, "UNKNOWN-1"));
        assertEquals(Optional.of(M85019), identify("C88653", "928942012545", null), "the ASID before the ODS code");
    }

    @Test
    void aPracticeNotInTheDirectoryIsNobody() {
        assertEquals(Optional.empty(), identify("A28009", "200000000835", "A28009-821605"));
    }

    @Test
    void everyIdentifierIsLookedUpOnItsOwnToCatchAnImpostorMixingThem() {
        assertEquals(List.of(M85019, C88653), PracticeIdentification.everyNamed(
                new Party("C88653", "928942012545", "YGM24-820388"), DIRECTORY));
    }

    private static Optional<Practice> identify(String ods, String asid, String partyKey) {
        return PracticeIdentification.identify(new Party(ods, asid, partyKey), DIRECTORY);
    }

    private static Practice practice(String ods, String asid, String partyKey) {
        Practice practice = new Practice(OdsCode.of(ods), Instant.EPOCH);
        practice.update("Synthetic " + ods, asid, partyKey, false, null, null, Instant.EPOCH);
        return practice;
    }

    private static PracticeIdentification.Directory directory(List<Practice> practices) {
        Function<Function<Practice, String>, Function<String, Optional<Practice>>> by = field -> value ->
                practices.stream().filter(p -> value != null && value.equalsIgnoreCase(field.apply(p))).findFirst();
        return new PracticeIdentification.Directory() {
            @Override
            public Optional<Practice> byPartyKey(String partyKey) {
                return by.apply(Practice::getPartyKey).apply(partyKey);
            }

            @Override
            public Optional<Practice> byAsid(String asid) {
                return by.apply(Practice::getAsid).apply(asid);
            }

            @Override
            public Optional<Practice> byOds(String odsCode) {
                return by.apply(Practice::getOdsCode).apply(odsCode);
            }
        };
    }
}

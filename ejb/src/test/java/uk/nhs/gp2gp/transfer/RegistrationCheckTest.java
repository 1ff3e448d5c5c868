package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.nhs.gp2gp.demographics.DemographicRecord;

/** Who may receive a record, by what the demographics say of the patient. */
class RegistrationCheckTest {

    @ParameterizedTest(name = "{0} asks; registered {1}, managed by {2}, deceased {3}, known {4}, "
            + "requester a repository {5}: sent {6}")
    @CsvSource(nullValues = "-", value = {
        // the registered practice, and only it
        "A99001, A99001, B99001, false, true,  false, true",
        "A99001, C99001, B99001, false, true,  false, false",
        "A99001, -,      B99001, false, true,  false, false",
        // a patient the demographics do not know: nobody
        "A99001, -,      -,      false, false, false, false",
        // a suspended patient: the national repository that manages the record, nobody else
        "R99000, -,      R99000, false, true,  true,  true",
        "R99000, -,      R99000, false, true,  false, false",
        "R99000, -,      B99001, false, true,  true,  false",
        "R99000, A99001, R99000, false, true,  true,  false",
        "R99000, -,      R99000, true,  true,  true,  false",
    })
    void aRecordGoesOnlyWhereThePatientIsRegistered(String requester, String registeredAt, String managedBy,
            boolean deceased, boolean known, boolean repository, boolean sent) {
        Optional<DemographicRecord> patient = known
                ? Optional.of(new DemographicRecord("9990000018", registeredAt, managedBy, deceased, null, null))
                : Optional.empty();
        assertEquals(sent, RegistrationCheck.refusal(requester, patient, ods -> repository).isEmpty());
    }
}

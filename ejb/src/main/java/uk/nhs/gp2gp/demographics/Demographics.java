package uk.nhs.gp2gp.demographics;

import java.util.Optional;
import uk.nhs.gp2gp.identifier.NhsNumber;

/**
 * The patient directory the repository asks before it acts (PDS in production). The local
 * implementation keeps what {@code PUT /api/v1/demographics} stores; a PDS client could take its place.
 */
public interface Demographics {

    /** What the directory holds for this NHS number, as stored (not following a merge). */
    Optional<DemographicRecord> find(NhsNumber patient);

    /** The patient's current entry: follows superseded NHS numbers to the one in use. */
    Optional<DemographicRecord> current(NhsNumber patient);

    /** Sets the organisation managing the record (PDS's managing organisation). */
    void setManagingOrganisation(NhsNumber patient, String odsCode);
}

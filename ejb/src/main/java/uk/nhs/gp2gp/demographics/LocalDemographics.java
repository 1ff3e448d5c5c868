package uk.nhs.gp2gp.demographics;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import uk.nhs.gp2gp.identifier.NhsNumber;

/** The PDS stand-in: demographics stored in our own database. */
@Stateless
@Local(Demographics.class)
@LocalBean
// Who may call: every caller: the workflow (no caller) looks patients up; the API's resource checks its key.
@PermitAll
public class LocalDemographics implements Demographics {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Override
    public Optional<DemographicRecord> find(NhsNumber patient) {
        return Optional.ofNullable(em.find(PatientDemographics.class, patient.value())).map(LocalDemographics::view);
    }

    @Override
    public Optional<DemographicRecord> current(NhsNumber patient) {
        Optional<DemographicRecord> entry = find(patient);
        Set<String> seen = new HashSet<>();
        // A merged number points at the one in use; a loop of merges is a data error, not followed for ever.
        while (entry.isPresent() && entry.get().supersededBy() != null && seen.add(entry.get().nhsNumber())) {
            Optional<DemographicRecord> next = find(new NhsNumber(entry.get().supersededBy()));
            if (next.isEmpty()) {
                break;
            }
            entry = next;
        }
        return entry;
    }

    @Override
    public void setManagingOrganisation(NhsNumber patient, String odsCode) {
        PatientDemographics entry = em.find(PatientDemographics.class, patient.value());
        if (entry != null) {
            entry.managedBy(odsCode, clock.instant());
        }
    }

    /** Creates or replaces a patient's entry; returns true when it is new. */
    public boolean put(NhsNumber patient, String registeredOds, String managingOds, boolean deceased,
            String supersededBy) {
        PatientDemographics entry = em.find(PatientDemographics.class, patient.value());
        boolean created = entry == null;
        if (created) {
            entry = new PatientDemographics(patient, clock.instant());
        }
        entry.update(registeredOds, managingOds, deceased, supersededBy, clock.instant());
        if (created) {
            em.persist(entry);
        }
        return created;
    }

    private static DemographicRecord view(PatientDemographics d) {
        return new DemographicRecord(d.getNhsNumber(), d.getRegisteredOds(), d.getManagingOds(), d.isDeceased(),
                d.getSupersededBy(), d.getUpdatedAt());
    }
}

package uk.nhs.gp2gp.demographics;

import jakarta.ejb.EJB;
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
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
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

    @EJB
    private AuditLog audit;

    /** A patient's entry as saved, and whether it was new. */
    public record Saved(boolean created, DemographicRecord entry) {
    }

    /** The patient's entry as {@code actor} reads it: the read is audited. */
    public Optional<DemographicRecord> read(NhsNumber patient, Actor actor) {
        Optional<DemographicRecord> entry = find(patient);
        entry.ifPresent(e -> audited(actor, "READ_DEMOGRAPHICS", patient));
        return entry;
    }

    /** Creates or replaces a patient's entry for {@code actor}, audited with the change. */
    public Saved save(NhsNumber patient, String registeredOds, String managingOds, boolean deceased,
            String supersededBy, Actor actor) {
        boolean created = put(patient, registeredOds, managingOds, deceased, supersededBy);
        audited(actor, created ? "DEMOGRAPHICS_CREATE" : "DEMOGRAPHICS_UPDATE", patient);
        return new Saved(created, find(patient).orElseThrow());
    }

    private void audited(Actor actor, String action, NhsNumber patient) {
        audit.recordInCallersTransaction(AuditEntry.by(actor, action, "DEMOGRAPHICS", null, Outcome.SUCCESS)
                .withNhsNumber(patient.value()));
    }

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

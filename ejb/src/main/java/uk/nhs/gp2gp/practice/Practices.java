package uk.nhs.gp2gp.practice;

import jakarta.ejb.EJB;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.OdsCode;

/** The practice directory: practices hosted here and the remote ones we exchange records with. */
@Stateless
// Who may call: every caller: the workflow and the start-up fill and read the directory with no caller; the
// API's and the console's admin checks guard changing it.
@PermitAll
public class Practices {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @EJB
    private AuditLog audit;

    /** A practice as saved, and whether it was new. */
    public record Saved(boolean created, Practice practice) {
    }

    public List<Practice> all() {
        return em.createNamedQuery(Practice.ALL, Practice.class).getResultList();
    }

    public Optional<Practice> find(OdsCode odsCode) {
        return Optional.ofNullable(em.find(Practice.class, odsCode.value()));
    }

    /** The practice whose ebXML party key is {@code partyKey}, compared whole (case aside): Spine's keys say nothing of the ODS code. */
    public Optional<Practice> findByPartyKey(String partyKey) {
        if (partyKey == null || partyKey.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select p from Practice p where upper(p.partyKey) = :key", Practice.class)
                .setParameter("key", partyKey.strip().toUpperCase(Locale.ROOT)).getResultStream().findFirst();
    }

    /** The practice whose system is {@code asid} (the HL7 communicationFunction device id). */
    public Optional<Practice> findByAsid(String asid) {
        if (asid == null || asid.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("select p from Practice p where p.asid = :asid", Practice.class)
                .setParameter("asid", asid.strip()).getResultStream().findFirst();
    }

    /** Creates or replaces a practice's details for {@code actor}, audited with the change. */
    public Saved save(OdsCode odsCode, PracticeDetails details, Actor actor) {
        boolean created = put(odsCode, details);
        audit.recordInCallersTransaction(AuditEntry.by(actor, created ? "PRACTICE_CREATE" : "PRACTICE_UPDATE",
                "PRACTICE", odsCode.value(), Outcome.SUCCESS));
        return new Saved(created, find(odsCode).orElseThrow());
    }

    /**
     * Creates or replaces a practice's details; returns true when it was new. Refused with
     * {@link PracticeConflictException} when another practice has the same ASID or party key: the
     * directory identifies a sender by either (the database's unique indexes say the same, V13).
     */
    public boolean put(OdsCode odsCode, PracticeDetails details) {
        refuseIfTaken(odsCode, "asid", "ASID", findByAsid(details.asid()));
        refuseIfTaken(odsCode, "partyKey", "party key", findByPartyKey(details.partyKey()));
        Practice practice = em.find(Practice.class, odsCode.value());
        boolean created = practice == null;
        if (created) {
            practice = new Practice(odsCode, clock.instant());
        }
        practice.update(details.name(), details.asid(), details.partyKey(), details.hosted(), details.endpointUrl(),
                details.supplier(), clock.instant());
        practice.markNationalRepository(details.nationalRepository());
        practice.speakThrough(details.peer());
        if (created) {
            // Persist once complete: Hibernate takes the insert's values at persist time.
            em.persist(practice);
        }
        return created;
    }

    private static void refuseIfTaken(OdsCode odsCode, String field, String name, Optional<Practice> holder) {
        holder.filter(other -> !other.getOdsCode().equalsIgnoreCase(odsCode.value())).ifPresent(other -> {
            throw new PracticeConflictException(field, "Practice " + other.getOdsCode() + " already has this " + name
                    + ": a message from it could not say which practice sent it");
        });
    }
}

package uk.nhs.gp2gp.suspension;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;

/**
 * NEMS-like change-of-registration events. Each event id is processed once (a repeat gets the
 * first answer); one patient's events are processed one at a time on every node (a row lock per
 * patient); an event older than the latest seen for the patient is recorded and ignored.
 */
@Stateless
// Who may call: the repository's keys.
@RolesAllowed({"ADMIN", "REPOSITORY"})
public class RegistrationEvents {

    private static final System.Logger LOG = System.getLogger(RegistrationEvents.class.getName());

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @EJB
    private RepositoryIntake intake;

    @EJB
    private SuspendedRecords holdings;

    @EJB
    private AuditLog audit;

    public enum Type {
        /** The patient left the practice ({@code odsCode}) and is registered nowhere else. */
        DEREGISTRATION,
        /** The patient registered at the practice ({@code odsCode}). */
        REGISTRATION
    }

    /** The answer to an event; a duplicate id gets the same one again. */
    public record Answer(String eventId, String outcome, String detail, boolean duplicate) {
    }

    /** An event sent by {@code actor}, answered and audited in one transaction. */
    public Answer receive(String eventId, NhsNumber patient, Type type, OdsCode odsCode, Instant occurredAt,
            Actor actor) {
        Answer answer = receive(eventId, patient, type, odsCode, occurredAt);
        audit.recordInCallersTransaction(AuditEntry.by(actor, "REGISTRATION_EVENT", "registration-event", eventId,
                Outcome.SUCCESS).withNhsNumber(patient.value()).withDetail(type + " at " + odsCode + ": "
                + answer.outcome()));
        return answer;
    }

    public Answer receive(String eventId, NhsNumber patient, Type type, OdsCode odsCode, Instant occurredAt) {
        Optional<Answer> seen = answered(eventId);
        if (seen.isPresent()) {
            return seen.get();
        }
        RegistrationPatient lock = lockPatient(patient);
        // Another node may have taken the same event while this one waited for the lock.
        seen = answered(eventId);
        if (seen.isPresent()) {
            return seen.get();
        }
        RegistrationEvent event = new RegistrationEvent(eventId, patient.value(), type.name(), odsCode.value(),
                occurredAt, clock.instant());
        if (lock.isStale(occurredAt)) {
            event.answered("OUT_OF_ORDER", "Older than the latest event seen for this patient ("
                    + lock.getLastOccurredAt() + "): recorded, not acted on");
        } else {
            lock.seen(occurredAt);
            RepositoryIntake.Decision decision = switch (type) {
                case DEREGISTRATION -> intake.suspend(patient, odsCode.value(), eventId);
                case REGISTRATION -> registered(patient, odsCode.value());
            };
            event.answered(decision.outcome(), decision.detail());
        }
        em.persist(event);
        // Not the event id: the sender chose it and it may hold anything, an NHS number included.
        LOG.log(Level.INFO, "Registration event ({0}): {1}", type, event.getOutcome());
        return new Answer(eventId, event.getOutcome(), event.getDetail(), false);
    }

    /**
     * A registration: if the repository holds the patient's record, the new practice will ask for it
     * (its GP2GP request comes to the repository as the managing organisation). Noted on the record.
     */
    private RepositoryIntake.Decision registered(NhsNumber patient, String practice) {
        Optional<Suspension> held = holdings.latest(patient.value())
                .filter(s -> s.getStatus() == SuspensionStatus.COMPLETE || s.getStatus().isInbound());
        if (held.isEmpty()) {
            return new RepositoryIntake.Decision("NO_ACTION_NOT_HELD",
                    "The repository holds no record of this patient: nothing to do");
        }
        boolean returning = practice.equals(held.get().getSourceOds());
        holdings.note(held.get(), "Registered at " + practice + (returning ? " (the practice they left)" : "")
                + ": waiting for its EHR request");
        return new RepositoryIntake.Decision("REGISTRATION_NOTED", "The repository holds the record; " + practice
                + " will receive it when it asks" + (returning ? " (a returning patient)" : ""));
    }

    private Optional<Answer> answered(String eventId) {
        return Optional.ofNullable(em.find(RegistrationEvent.class, eventId))
                .map(e -> new Answer(e.getEventId(), e.getOutcome(), e.getDetail(), true));
    }

    /** The patient's row, locked for this transaction; created first if this is their first event. */
    private RegistrationPatient lockPatient(NhsNumber patient) {
        em.createNativeQuery("insert into registration_patient (nhs_number) values (?1) on conflict do nothing")
                .setParameter(1, patient.value()).executeUpdate();
        return em.find(RegistrationPatient.class, patient.value(), LockModeType.PESSIMISTIC_WRITE);
    }
}

package uk.nhs.gp2gp.suspension;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;

/**
 * The repository's holdings: find, search, and the history every step writes. What the API shows
 * of them is read by one method each, audit line included.
 */
@Stateless
// Who may call: the workflow (no caller) keeps the holdings; what lists them for people says who may.
@PermitAll
public class SuspendedRecords {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @EJB
    private AuditLog audit;

    /** A page of holdings and how many there are in all. */
    public record Page(List<Suspension> records, long total) {
    }

    /** The patient's latest suspension and its history. */
    public record Details(Suspension suspension, List<SuspensionHistory> history) {
    }

    /** A page of holdings, newest first, as {@code actor} was shown it: one audit line per patient. */
    @RolesAllowed({"ADMIN", "REPOSITORY", "OPERATOR", "AUDITOR"})
    public Page page(SuspensionStatus status, String sourceOds, int page, int size, Actor actor) {
        Page found = page(status, sourceOds, page, size);
        AuditEntry.perPatient(actor, "LIST_SUSPENDED_RECORDS", "suspension", found.records(),
                Suspension::getNhsNumber, s -> String.valueOf(s.getId())).forEach(audit::recordInCallersTransaction);
        return found;
    }

    /** A page of holdings, newest first, not audited: the console's list (reading one record is). */
    @RolesAllowed({"ADMIN", "REPOSITORY", "OPERATOR", "AUDITOR"})
    public Page page(SuspensionStatus status, String sourceOds, int page, int size) {
        return new Page(search(status, sourceOds, page, size), count(status, sourceOds));
    }

    /**
     * The patient's latest suspension with its history, if the repository ever held the record; the
     * read is audited ({@code detail}: where it was read, or null).
     */
    @RolesAllowed({"ADMIN", "REPOSITORY", "OPERATOR", "AUDITOR"})
    public Optional<Details> read(String nhsNumber, Actor actor, String detail) {
        return latest(nhsNumber).map(suspension -> {
            audit.recordInCallersTransaction(AuditEntry.by(actor, "READ_SUSPENDED_RECORD", "suspension",
                    String.valueOf(suspension.getId()), Outcome.SUCCESS).withNhsNumber(nhsNumber).withDetail(detail));
            return new Details(suspension, history(suspension));
        });
    }

    /** The patient's latest suspension (the record the repository holds or last held). */
    public Optional<Suspension> latest(String nhsNumber) {
        return em.createNamedQuery(Suspension.LATEST_OF_PATIENT, Suspension.class)
                .setParameter("nhsNumber", nhsNumber).setMaxResults(1).getResultStream().findFirst();
    }

    public Optional<Suspension> byInboundConversation(String conversationId) {
        return lockFirst(em.createNamedQuery(Suspension.BY_INBOUND_CONVERSATION, Suspension.class)
                .setParameter("conversationId", conversationId));
    }

    public Optional<Suspension> byOutboundConversation(String conversationId) {
        return lockFirst(em.createNamedQuery(Suspension.BY_OUTBOUND_CONVERSATION, Suspension.class)
                .setParameter("conversationId", conversationId));
    }

    public Optional<Suspension> lock(long id) {
        return Optional.ofNullable(em.find(Suspension.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void add(Suspension suspension, String what) {
        em.persist(suspension);
        em.flush();
        note(suspension, what);
    }

    /** A line in the suspension's history, with its status now. */
    public void note(Suspension suspension, String what) {
        em.persist(new SuspensionHistory(suspension, clock.instant(), what));
    }

    /** An audit line for a step the repository took on its own (actor SYSTEM "repository"). */
    public void audit(Suspension suspension, String action, Outcome outcome, String practice) {
        audit.record(new AuditEntry(ActorType.SYSTEM, "repository", action, "suspension",
                String.valueOf(suspension.getId()), suspension.getNhsNumber(), outcome, practice));
    }

    private List<SuspensionHistory> history(Suspension suspension) {
        return em.createNamedQuery(SuspensionHistory.OF_SUSPENSION, SuspensionHistory.class)
                .setParameter("suspensionId", suspension.getId()).getResultList();
    }

    /** Holdings, newest first: by status and by the practice the record came from. */
    private List<Suspension> search(SuspensionStatus status, String sourceOds, int page, int size) {
        return filtered("select s", status, sourceOds, " order by s.startedAt desc, s.id desc", Suspension.class)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    private long count(SuspensionStatus status, String sourceOds) {
        return filtered("select count(s)", status, sourceOds, "", Long.class).getSingleResult();
    }

    /** How many records are in each status: the dashboard's holdings. */
    @RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
    public Map<SuspensionStatus, Long> countByStatus() {
        Map<SuspensionStatus, Long> counts = new HashMap<>();
        em.createQuery("select s.status, count(s) from Suspension s group by s.status", Object[].class)
                .getResultList().forEach(row -> counts.put((SuspensionStatus) row[0], (Long) row[1]));
        return counts;
    }

    private <T> TypedQuery<T> filtered(String select, SuspensionStatus status, String sourceOds, String orderBy,
            Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" from Suspension s where 1 = 1");
        if (status != null) {
            jpql.append(" and s.status = :status");
        }
        if (sourceOds != null) {
            jpql.append(" and s.sourceOds = :sourceOds");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(orderBy).toString(), type);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (sourceOds != null) {
            query.setParameter("sourceOds", sourceOds);
        }
        return query;
    }

    private static Optional<Suspension> lockFirst(TypedQuery<Suspension> query) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }
}

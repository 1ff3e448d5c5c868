package uk.nhs.gp2gp.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.security.PracticeAccessDeniedException;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferNotFoundException;
import uk.nhs.gp2gp.transfer.TransferStore;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * Paper fallback tasks: after a transfer failed, someone asks for the record to go on paper; the
 * paper records service lists the open tasks (JSON or CSV), moves the paper and marks each done.
 * Every change and every read (the tasks name the patient) is audited.
 */
@Stateless
// Who may call: the API's practice keys and the console's operators.
@RolesAllowed({"ADMIN", "PRACTICE", "OPERATOR"})
public class PaperFallbacks {

    private static final System.Logger LOG = System.getLogger(PaperFallbacks.class.getName());
    private static final String TARGET = "paper_fallback";

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @EJB
    private TransferStore transfers;

    @EJB
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** The task, and whether this call created it (false: it had been asked for before, and is returned as is). */
    public record Requested(PaperFallbackTask task, boolean created) {
    }

    /**
     * Asks for a failed transfer's record to move on paper. Only for transfers that failed
     * (technical or process failure) or are unclassified; asking twice returns the first task.
     */
    public Requested request(String conversationId, Actor requestedBy, String note) {
        Transfer transfer = paperSide(conversationId);
        Optional<PaperFallback> existing = byConversation(transfer.getConversationId());
        if (existing.isPresent()) {
            // Answered with the task asked for before, which names the patient: a read.
            PaperFallbackTask task = PaperFallbackTask.of(existing.get());
            audit.record(read(requestedBy, task));
            return new Requested(task, false);
        }
        Instant now = clock.instant();
        Classification outcome = OutcomeClassifier.classify(transfer, now);
        if (!outcome.outcome().needsPaper()) {
            throw new PaperFallbackRefusedException("The transfer's outcome is " + outcome.outcome().label()
                    .toLowerCase() + " (" + outcome.reason().name() + "): only a failed transfer goes on paper");
        }
        PaperFallback task = new PaperFallback(transfer, outcome.outcome().name(), outcome.reason().code(),
                requestedBy.name(), note, now);
        em.persist(task);
        audit.record(AuditEntry.by(requestedBy, "REQUEST_PAPER_FALLBACK", TARGET, String.valueOf(task.getId()),
                Outcome.SUCCESS).withNhsNumber(task.getNhsNumber()).withDetail(task.getConversationId()));
        LOG.log(Level.INFO, "Conversation {0}: paper fallback {1} requested", task.getConversationId(), task.getId());
        return new Requested(PaperFallbackTask.of(task), true);
    }

    /** A partner system asks, for a transfer of a practice it acts for. */
    public Requested request(String conversationId, ApiCaller caller, String note) {
        List<Transfer> conversation = transfers.ofConversation(conversationId.strip().toUpperCase());
        if (conversation.isEmpty()) {
            throw new TransferNotFoundException(conversationId);
        }
        if (conversation.stream().noneMatch(t -> caller.mayActFor(t.getHostedOds()))) {
            throw new PracticeAccessDeniedException("This API key does not act for the practice of this transfer");
        }
        return request(conversationId, Actor.apiClient(caller.name()), note);
    }

    /** A partner system marks a task of a practice it acts for done. */
    public PaperFallbackTask markDone(long id, ApiCaller caller, String note) {
        requireVisible(id, caller);
        return markDone(id, Actor.apiClient(caller.name()), note);
    }

    /** A task of a practice the partner system acts for; the read is audited. */
    public PaperFallbackTask find(long id, ApiCaller caller) {
        requireVisible(id, caller);
        return find(id, Actor.apiClient(caller.name())).orElseThrow(() -> new PaperFallbackNotFoundException(id));
    }

    private void requireVisible(long id, ApiCaller caller) {
        List<String> practices = practicesOf(id).orElseThrow(() -> new PaperFallbackNotFoundException(id));
        if (practices.stream().noneMatch(caller::mayActFor)) {
            throw new PracticeAccessDeniedException("This API key does not act for either practice of this task");
        }
    }

    /** The paper record has been sent on: the task is done (once). */
    public PaperFallbackTask markDone(long id, Actor doneBy, String note) {
        PaperFallback task = em.find(PaperFallback.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (task == null) {
            throw new PaperFallbackNotFoundException(id);
        }
        if (!task.markDone(doneBy.name(), note, clock.instant())) {
            throw new PaperFallbackRefusedException("Paper fallback " + id + " was already marked done by "
                    + task.getDoneBy() + " at " + task.getDoneAt());
        }
        audit.record(AuditEntry.by(doneBy, "COMPLETE_PAPER_FALLBACK", TARGET, String.valueOf(id), Outcome.SUCCESS)
                .withNhsNumber(task.getNhsNumber()).withDetail(task.getConversationId()));
        LOG.log(Level.INFO, "Conversation {0}: paper fallback {1} done", task.getConversationId(), id);
        return PaperFallbackTask.of(task);
    }

    /** Tasks of every practice (the console), oldest first; each listed patient's read is audited. */
    public List<PaperFallbackTask> list(PaperFallback.Status status, String ods, Actor reader) {
        return list(status, ods, null, reader);
    }

    /**
     * Tasks with this status (null: any) of this practice as requesting or sending practice
     * (null: any), among those of the practices the caller acts for (null: all), oldest first.
     */
    public List<PaperFallbackTask> list(PaperFallback.Status status, String ods, Set<String> visibleOds,
            Actor reader) {
        StringBuilder jpql = new StringBuilder("select p from PaperFallback p where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (status != null) {
            jpql.append(" and p.status = :status");
            parameters.put("status", status);
        }
        if (ods != null) {
            jpql.append(" and (p.requestingOds = :ods or p.sendingOds = :ods)");
            parameters.put("ods", ods);
        }
        if (visibleOds != null) {
            jpql.append(" and (p.requestingOds in :mine or p.sendingOds in :mine)");
            parameters.put("mine", visibleOds.isEmpty() ? List.of("-") : visibleOds);
        }
        jpql.append(" order by p.requestedAt, p.id");
        TypedQuery<PaperFallback> query = em.createQuery(jpql.toString(), PaperFallback.class);
        parameters.forEach(query::setParameter);
        List<PaperFallbackTask> tasks = query.getResultList().stream().map(PaperFallbackTask::of).toList();
        audit.recordAll(tasks.stream().map(t -> read(reader, t)).toList());
        return tasks;
    }

    /** One task; the read is audited. */
    @RolesAllowed({"ADMIN", "PRACTICE"})
    public Optional<PaperFallbackTask> find(long id, Actor reader) {
        Optional<PaperFallbackTask> task = Optional.ofNullable(em.find(PaperFallback.class, id))
                .map(PaperFallbackTask::of);
        task.ifPresent(t -> audit.record(read(reader, t)));
        return task;
    }

    /**
     * The task of a conversation, if one was asked for. Not audited: for the transfer's own page,
     * whose opening is audited as the read of that transfer.
     */
    @RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
    public Optional<PaperFallbackTask> ofConversation(String conversationId) {
        return byConversation(conversationId.strip().toUpperCase()).map(PaperFallbackTask::of);
    }

    /** The requesting and sending practice of a task (no patient data, so not audited): for access checks. */
    @RolesAllowed({"ADMIN", "PRACTICE"})
    public Optional<List<String>> practicesOf(long id) {
        return Optional.ofNullable(em.find(PaperFallback.class, id))
                .map(p -> List.of(p.getRequestingOds(), p.getSendingOds()));
    }

    /** The tasks as CSV for the paper records service (see {@link PaperFallbackTask#CSV_HEADER}). */
    public static String csv(List<PaperFallbackTask> tasks) {
        StringBuilder csv = new StringBuilder(PaperFallbackTask.CSV_HEADER).append("\r\n");
        tasks.forEach(t -> csv.append(t.csvLine()));
        return csv.toString();
    }

    private static AuditEntry read(Actor reader, PaperFallbackTask task) {
        return AuditEntry.by(reader, "READ_PAPER_FALLBACK", TARGET, String.valueOf(task.id()), Outcome.SUCCESS)
                .withNhsNumber(task.nhsNumber()).withDetail(task.conversationId());
    }

    /** The requesting side's transfer when it is hosted here, else the sending side's; locked. */
    private Transfer paperSide(String conversationId) {
        String id = conversationId.strip().toUpperCase();
        Transfer side = transfers.ofConversation(id).stream()
                .min(Comparator.comparing(t -> t.getRole() == TransferRole.REQUESTER ? 0 : 1))
                .orElseThrow(() -> new TransferNotFoundException(conversationId));
        // Locked, so that two people asking at once make one task.
        return transfers.lock(id, side.getRole()).orElseThrow(() -> new TransferNotFoundException(conversationId));
    }

    private Optional<PaperFallback> byConversation(String conversationId) {
        return em.createNamedQuery(PaperFallback.BY_CONVERSATION, PaperFallback.class)
                .setParameter("conversationId", conversationId).getResultStream().findFirst();
    }
}

package uk.nhs.gp2gp.transfer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.demographics.DemographicRecord;
import uk.nhs.gp2gp.demographics.Demographics;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.security.PracticeAccessDeniedException;

/**
 * What partner systems and the console do with transfers: start one, look it up, search, read the
 * record that arrived, report the outcome, supply or refuse an extract as the sending practice.
 * A partner system's call is one method here: one transaction, its audit line included, returning
 * what the API shows.
 */
@Stateless
// Who may call: the API's practice keys; the console's readers where a method says so. The workflow never calls here.
@RolesAllowed({"ADMIN", "PRACTICE"})
public class Transfers {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @EJB
    private TransferStore store;

    @EJB
    private RequesterSide requester;

    @EJB
    private SenderSide sender;

    @EJB
    private Practices practices;

    @Inject
    private ConversationCodec codec;

    @EJB
    private Demographics demographics;

    @EJB
    private AuditLog audit;

    private static final Set<TransferStatus> ARRIVED_WHOLE = EnumSet.of(TransferStatus.READY_TO_INTEGRATE,
            TransferStatus.INTEGRATED, TransferStatus.SUPPRESSED, TransferStatus.REJECTED);

    /** Starts a transfer for a hosted requesting practice; the sending practice must be in the directory. */
    public Transfer request(NhsNumber patient, OdsCode requesting, OdsCode sending) {
        Practice ours = practices.find(requesting).orElseThrow(() ->
                new TransferRequestException("requestingOds", "Practice " + requesting + " is not in the directory"));
        if (!ours.isHosted()) {
            throw new TransferRequestException("requestingOds", "Practice " + requesting + " is not hosted here");
        }
        if (practices.find(sending).isEmpty()) {
            throw new TransferRequestException("sendingOds", "Practice " + sending
                    + " is not in the practice directory: add it (PUT /api/v1/practices/" + sending + ")");
        }
        if (requesting.equals(sending)) {
            throw new TransferRequestException("sendingOds", "A practice cannot ask itself for a record");
        }
        return requester.request(patient, requesting, sending);
    }

    /**
     * A partner system asks for a record: without a sending practice, the request goes to whoever
     * demographics say holds the record. Audited with the transfer.
     */
    public Transfer request(NhsNumber patient, OdsCode requesting, OdsCode sendingOrNull, ApiCaller caller) {
        OdsCode sending = sendingOrNull != null ? sendingOrNull : recordHolder(patient);
        Transfer transfer = request(patient, requesting, sending);
        audit.recordInCallersTransaction(line(caller, "REQUEST_TRANSFER", transfer)
                .withDetail(requesting + " asks " + sending));
        return transfer;
    }

    /** One transfer as the API shows it, with its messages and files; the read is audited. */
    public TransferDetails details(String conversationId, TransferRole role, ApiCaller caller) {
        Transfer transfer = visible(conversationId, role, caller);
        audit.recordInCallersTransaction(line(caller, "READ_TRANSFER", transfer));
        return new TransferDetails(transfer, timeline(transfer), attachments(transfer), sentToRepository(transfer));
    }

    /** A page of the transfers the caller may see; one audit line per patient shown ({@code action}). */
    public List<Transfer> search(TransferSearch search, ApiCaller caller, String action) {
        List<Transfer> found = search(search);
        AuditEntry.perPatient(Actor.apiClient(caller.name()), action, "transfer", found, Transfer::getNhsNumber,
                Transfer::getConversationId).forEach(audit::recordInCallersTransaction);
        return found;
    }

    /** The practice's system reports the outcome; the final acknowledgement goes to the sending practice. */
    public TransferDetails recordOutcome(String conversationId, IntegrationOutcome outcome, ReasonCode reason,
            ApiCaller caller) {
        visible(conversationId, TransferRole.REQUESTER, caller);
        Transfer transfer = recordOutcome(conversationId, outcome, reason);
        audit.recordInCallersTransaction(AuditEntry.by(Actor.apiClient(caller.name()), "REPORT_OUTCOME", "transfer",
                transfer.getConversationId(), Outcome.SUCCESS).withDetail(outcome.name()));
        return new TransferDetails(transfer, timeline(transfer), null, false);
    }

    /** Sender side: the partner system refuses a request of a practice it acts for; audited. */
    public Transfer refuseRequest(String conversationId, ReasonCode reason, ApiCaller caller) {
        Transfer waiting = find(conversationId, TransferRole.SENDER)
                .orElseThrow(() -> new TransferNotFoundException(conversationId));
        if (!caller.mayActFor(waiting.getSendingOds())) {
            throw new PracticeAccessDeniedException("This API key does not act for the practice of this request");
        }
        Transfer refused = refuseRequest(conversationId, reason);
        audit.recordInCallersTransaction(line(caller, "REQUEST_REFUSE", refused));
        return refused;
    }

    /** The transfer of the conversation (of the role, when given) the caller acts for. */
    private Transfer visible(String conversationId, TransferRole role, ApiCaller caller) {
        List<Transfer> candidates = ofConversation(conversationId).stream()
                .filter(t -> role == null || t.getRole() == role).toList();
        if (candidates.isEmpty()) {
            throw new TransferNotFoundException(conversationId);
        }
        return candidates.stream().filter(t -> caller.mayActFor(t.getHostedOds())).findFirst()
                .orElseThrow(() -> new PracticeAccessDeniedException(
                        "This API key does not act for the practice of this transfer"));
    }

    private static AuditEntry line(ApiCaller caller, String action, Transfer transfer) {
        return AuditEntry.by(Actor.apiClient(caller.name()), action, "transfer", transfer.getConversationId(),
                Outcome.SUCCESS).withNhsNumber(transfer.getNhsNumber());
    }

    /** Who holds the patient's record, as demographics say (the managing organisation): where a request goes. */
    public OdsCode recordHolder(NhsNumber patient) {
        return demographics.current(patient).map(DemographicRecord::managingOds).map(OdsCode::of)
                .orElseThrow(() -> new TransferRequestException("sendingOds",
                        "Not given, and the demographics do not say who holds this patient's record"));
    }

    /** The transfer of this conversation for this role, or the only one when the role is not given. */
    @RolesAllowed({"ADMIN", "PRACTICE", "OPERATOR", "AUDITOR"})
    public Optional<Transfer> find(String conversationId, TransferRole role) {
        List<Transfer> all = store.ofConversation(conversationId.toUpperCase());
        return all.stream().filter(t -> role == null || t.getRole() == role).findFirst();
    }

    public List<Transfer> ofConversation(String conversationId) {
        return store.ofConversation(conversationId.toUpperCase());
    }

    /** The transfer's messages. A reference, not a merge: the transfer may have moved on since it was read. */
    @RolesAllowed({"ADMIN", "PRACTICE", "OPERATOR", "AUDITOR"})
    public List<TransferMessage> timeline(Transfer transfer) {
        return store.timeline(em.getReference(Transfer.class, transfer.getId()));
    }

    @RolesAllowed({"ADMIN", "PRACTICE", "OPERATOR", "AUDITOR"})
    public List<Transfer> search(TransferSearch search) {
        return search(search, "requestedAt", false);
    }

    /** Fields the console may sort by; anything else falls back to newest first. */
    private static final Set<String> SORTABLE = Set.of("requestedAt", "updatedAt", "status", "nhsNumber",
            "requestingOds", "sendingOds");

    @RolesAllowed({"ADMIN", "PRACTICE", "OPERATOR", "AUDITOR"})
    public List<Transfer> search(TransferSearch search, String sortField, boolean ascending) {
        String field = SORTABLE.contains(sortField) ? sortField : "requestedAt";
        String direction = ascending ? " asc" : " desc";
        TypedQuery<Transfer> query = filtered("select t", search,
                " order by t." + field + direction + ", t.id" + direction, Transfer.class);
        return query.setFirstResult(search.page() * search.size()).setMaxResults(search.size()).getResultList();
    }

    /** How many transfers the search finds in all, for paging. */
    @RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
    public long count(TransferSearch search) {
        return filtered("select count(t)", search, "", Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> filtered(String select, TransferSearch search, String orderBy, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" from Transfer t where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (search.ods() != null) {
            jpql.append(" and (t.requestingOds = :ods or t.sendingOds = :ods)");
            parameters.put("ods", search.ods());
        }
        if (search.odsCodes() != null) {
            jpql.append(" and ((t.role = uk.nhs.gp2gp.transfer.TransferRole.REQUESTER and t.requestingOds in :mine)"
                    + " or (t.role = uk.nhs.gp2gp.transfer.TransferRole.SENDER and t.sendingOds in :mine))");
            parameters.put("mine", search.odsCodes().isEmpty() ? List.of("-") : search.odsCodes());
        }
        if (search.status() != null) {
            jpql.append(" and t.status = :status");
            parameters.put("status", search.status());
        }
        if (search.nhsNumber() != null) {
            jpql.append(" and t.nhsNumber = :nhsNumber");
            parameters.put("nhsNumber", search.nhsNumber());
        }
        if (search.from() != null) {
            jpql.append(" and t.requestedAt >= :from");
            parameters.put("from", search.from());
        }
        if (search.to() != null) {
            jpql.append(" and t.requestedAt < :to");
            parameters.put("to", search.to());
        }
        TypedQuery<T> query = em.createQuery(jpql.append(orderBy).toString(), type);
        parameters.forEach(query::setParameter);
        return query;
    }

    /** The old practice's side of a suspension: the record went to the national repository, not to a practice. */
    @RolesAllowed({"ADMIN", "PRACTICE", "OPERATOR", "AUDITOR"})
    public boolean sentToRepository(Transfer transfer) {
        return transfer.getRole() == TransferRole.SENDER && practices.find(OdsCode.of(transfer.getRequestingOds()))
                .map(Practice::isNationalRepository).orElse(false);
    }

    /**
     * The record that arrived (requester side), to stream. Empty until it has arrived whole, and after
     * a failure: a record whose parts are missing or were refused is never offered in part.
     */
    public Optional<RequesterSide.StoredRecordPart> extract(Transfer transfer) {
        return ARRIVED_WHOLE.contains(transfer.getStatus()) ? requester.extract(transfer) : Optional.empty();
    }

    public List<uk.nhs.gp2gp.content.StoredContent> attachments(Transfer transfer) {
        return requester.attachments(transfer);
    }

    public Optional<RequesterSide.StoredRecordPart> attachment(Transfer transfer, String contentId) {
        return ARRIVED_WHOLE.contains(transfer.getStatus()) ? requester.attachment(transfer, contentId)
                : Optional.empty();
    }

    public Transfer recordOutcome(String conversationId, IntegrationOutcome outcome, ReasonCode reason) {
        Transfer transfer = store.lock(conversationId.toUpperCase(), TransferRole.REQUESTER)
                .orElseThrow(() -> new TransferNotFoundException(conversationId));
        requester.recordOutcome(transfer, outcome, reason);
        return transfer;
    }

    /**
     * Sender side: the partner system supplies the extract for a request that waits for it. It goes
     * only if the patient is still registered at the requesting practice; otherwise the request is
     * refused with code 19 and the returned transfer says so. It goes as a stored record does: inline
     * when it fits one message, as a skeleton otherwise.
     */
    public Transfer supplyExtract(String conversationId, byte[] record) {
        Transfer transfer = waitingForExtract(conversationId);
        if (!sender.refusedAsNotRegistered(transfer)) {
            sender.sendRecord(transfer, record.length, new java.io.ByteArrayInputStream(record), List.of());
        }
        return transfer;
    }

    /** Sender side: the partner system refuses the request (for instance 06, patient not known there). */
    public Transfer refuseRequest(String conversationId, ReasonCode reason) {
        Transfer transfer = waitingForExtract(conversationId);
        sender.refuse(transfer, reason, null);
        return transfer;
    }

    /** The NHS number a record is about; throws when it is not a readable record. */
    public String nhsNumberOfRecord(byte[] record) {
        return codec.nhsNumberOfRecord(new java.io.ByteArrayInputStream(record));
    }

    private Transfer waitingForExtract(String conversationId) {
        Transfer transfer = store.lock(conversationId.toUpperCase(), TransferRole.SENDER)
                .orElseThrow(() -> new TransferNotFoundException(conversationId));
        if (transfer.getStatus() != TransferStatus.WAITING_FOR_EXTRACT) {
            throw new IllegalTransitionException(transfer.getStatus(), TransferStatus.EXTRACT_SENT);
        }
        return transfer;
    }
}

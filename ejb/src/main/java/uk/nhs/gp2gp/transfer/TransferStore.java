package uk.nhs.gp2gp.transfer;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import uk.nhs.gp2gp.transfer.TransferMessage.Direction;

/**
 * Finding transfers, moving them and writing their timeline. Every change of a transfer's state goes
 * through {@link #add}, {@link #start}, {@link #move} or {@link #fail}, which fire {@link TransferMoved}; the
 * architecture test keeps the entity's own moves for this class alone.
 */
@Stateless
public class TransferStore {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private Event<TransferMoved> moved;
    @Resource
    private SessionContext context;

    /** The transfer, locked for the rest of the transaction so that one conversation moves one step at a time. */
    public Optional<Transfer> lock(String conversationId, TransferRole role) {
        return em.createNamedQuery(Transfer.BY_CONVERSATION_AND_ROLE, Transfer.class)
                .setParameter("conversationId", conversationId).setParameter("role", role)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** The same lock as {@link #lock(String, TransferRole)}, for a transfer known by its id. */
    public Optional<Transfer> lock(long transferId) {
        return Optional.ofNullable(em.find(Transfer.class, transferId, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Transfer> find(String conversationId, TransferRole role) {
        return em.createNamedQuery(Transfer.BY_CONVERSATION_AND_ROLE, Transfer.class)
                .setParameter("conversationId", conversationId).setParameter("role", role)
                .getResultStream().findFirst();
    }

    public List<Transfer> ofConversation(String conversationId) {
        return em.createNamedQuery(Transfer.BY_CONVERSATION, Transfer.class)
                .setParameter("conversationId", conversationId).getResultList();
    }

    public Transfer byId(long id) {
        return em.find(Transfer.class, id);
    }

    /** A new transfer, in its role's first state. */
    public void add(Transfer transfer) {
        em.persist(transfer);
        announceStarted(transfer);
    }

    private void announceStarted(Transfer transfer) {
        moved.fire(new TransferMoved(transfer.getConversationId(), transfer.getRole(), null, transfer.getStatus()));
    }

    /** Moves the transfer on, or refuses a move its state machine does not allow. */
    public void move(Transfer transfer, TransferStatus next) {
        TransferStatus from = transfer.getStatus();
        transfer.moveTo(next, clock.instant());
        moved.fire(new TransferMoved(transfer.getConversationId(), transfer.getRole(), from, next));
    }

    /** Moves the transfer to a failed (or cancelled) state and says why, with the GP2GP code where there is one. */
    public void fail(Transfer transfer, TransferStatus failedState, String reasonCode, String reasonText) {
        TransferStatus from = transfer.getStatus();
        transfer.fail(failedState, reasonCode, reasonText, clock.instant());
        moved.fire(new TransferMoved(transfer.getConversationId(), transfer.getRole(), from, failedState));
    }

    /**
     * Adds a requester's transfer and writes it at once, so that the database's one-at-a-time rule
     * answers now: a second open transfer for the patient and practice is refused with a conflict,
     * also when two nodes ask together and neither can see the other's transfer yet.
     */
    public void start(Transfer transfer) {
        em.persist(transfer);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (OneTransferAtATime.brokenBy(e)) {
                throw new TransferConflictException(context.getBusinessObject(TransferStore.class)
                        .inProgress(transfer.getNhsNumber(), transfer.getRequestingOds())
                        .map(Transfer::getConversationId).orElse(null));
            }
            throw e;
        }
        announceStarted(transfer);
    }

    public boolean alreadyReceived(Transfer transfer, String messageId) {
        return onTimeline(transfer, Direction.IN, messageId);
    }

    public boolean sent(Transfer transfer, String messageId) {
        return onTimeline(transfer, Direction.OUT, messageId);
    }

    private boolean onTimeline(Transfer transfer, Direction direction, String messageId) {
        return !em.createNamedQuery(TransferMessage.BY_KEY, TransferMessage.class)
                .setParameter("transfer", transfer).setParameter("direction", direction)
                .setParameter("messageId", messageId).setMaxResults(1).getResultList().isEmpty();
    }

    public TransferMessage received(Transfer transfer, ReceivedMessage message) {
        TransferMessage row = new TransferMessage(transfer, Direction.IN, message.messageId(), message.interactionId(),
                message.refersTo(), message.payload() == null ? 0 : message.payload().length, clock.instant());
        if (message.ackType() != null) {
            row.withAcknowledgement(message.ackType().name(), message.reasonCode());
        }
        em.persist(row);
        return row;
    }

    public TransferMessage sent(Transfer transfer, String messageId, String interactionId, String refersTo,
            long size) {
        TransferMessage row = new TransferMessage(transfer, Direction.OUT, messageId, interactionId, refersTo, size,
                clock.instant());
        em.persist(row);
        return row;
    }

    public List<TransferMessage> timeline(Transfer transfer) {
        return em.createNamedQuery(TransferMessage.TIMELINE, TransferMessage.class)
                .setParameter("transfer", transfer).getResultList();
    }

    /**
     * A requester transfer for this patient and practice that has not ended yet, if any. Read in a
     * transaction of its own: it names the transfer that another node's request just started.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<Transfer> inProgress(String nhsNumber, String requestingOds) {
        return em.createNamedQuery(Transfer.IN_PROGRESS_FOR_PATIENT, Transfer.class)
                .setParameter("nhsNumber", nhsNumber).setParameter("requestingOds", requestingOds)
                .setParameter("open", EnumSet.of(TransferStatus.REQUESTED, TransferStatus.WAITING_FOR_PARTS,
                        TransferStatus.READY_TO_INTEGRATE))
                .getResultStream().findFirst();
    }

    /** Did this practice send this patient's record elsewhere before? Then the patient is returning. */
    public boolean practiceSentRecordBefore(String odsCode, String nhsNumber) {
        return em.createNamedQuery(Transfer.SENT_BY_PRACTICE_FOR_PATIENT, Long.class)
                .setParameter("odsCode", odsCode).setParameter("nhsNumber", nhsNumber)
                .getSingleResult() > 0;
    }
}

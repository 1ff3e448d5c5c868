package uk.nhs.gp2gp.transfer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;

/**
 * What an operator may do to a transfer that went wrong: retry it (a new conversation for the same
 * patient and practices) or cancel one that is still running. Each action is audited, refused ones too.
 */
@Stateless
// Who may call: the console's operators.
@RolesAllowed({"ADMIN", "OPERATOR"})
public class TransferActions {

    private static final Logger LOG = System.getLogger(TransferActions.class.getName());

    /** A requester transfer that ended without a record can be asked for again. */
    public static final Set<TransferStatus> RETRYABLE = EnumSet.of(TransferStatus.FAILED, TransferStatus.TIMED_OUT,
            TransferStatus.CANCELLED);

    /** Still waiting for something from the partner; a record already here is integrated or rejected instead. */
    public static final Set<TransferStatus> CANCELLABLE = EnumSet.of(TransferStatus.REQUESTED,
            TransferStatus.WAITING_FOR_PARTS, TransferStatus.WAITING_FOR_EXTRACT, TransferStatus.EXTRACT_SENT);

    @EJB
    private TransferStore store;

    @EJB
    private RequesterSide requester;

    @EJB
    private TransferMessaging messaging;

    @EJB
    private ScheduledTasks tasks;

    @EJB
    private AuditLog audit;

    public static boolean mayRetry(Transfer transfer) {
        return transfer.getRole() == TransferRole.REQUESTER && RETRYABLE.contains(transfer.getStatus());
    }

    public static boolean mayCancel(Transfer transfer) {
        return CANCELLABLE.contains(transfer.getStatus());
    }

    /** Starts a new conversation for the same patient and practices; returns the new transfer. */
    public Transfer retry(String conversationId, String user) {
        Transfer failed = store.lock(conversationId, TransferRole.REQUESTER)
                .orElseThrow(() -> new TransferNotFoundException(conversationId));
        if (!mayRetry(failed)) {
            refused(user, "TRANSFER_RETRY", failed, "status " + failed.getStatus() + " cannot be retried");
            throw new IllegalTransitionException(failed.getStatus(), TransferStatus.REQUESTED);
        }
        Transfer retry = requester.retry(failed);
        audit.record(entry(user, "TRANSFER_RETRY", failed, Outcome.SUCCESS)
                .withDetail("new conversation " + retry.getConversationId()));
        LOG.log(Level.INFO, "Conversation {0}: retried as {1} by an operator", failed.getConversationId(),
                retry.getConversationId());
        return retry;
    }

    /**
     * Stops a running transfer. A sender still waiting for the extract tells the requester with a
     * negative acknowledgement (99), so that its practice does not wait hours for nothing.
     */
    public Transfer cancel(String conversationId, TransferRole role, String user, String reason) {
        Transfer transfer = store.lock(conversationId, role)
                .orElseThrow(() -> new TransferNotFoundException(conversationId));
        if (!mayCancel(transfer)) {
            refused(user, "TRANSFER_CANCEL", transfer, "status " + transfer.getStatus() + " cannot be cancelled");
            throw new IllegalTransitionException(transfer.getStatus(), TransferStatus.CANCELLED);
        }
        if (transfer.getStatus() == TransferStatus.WAITING_FOR_EXTRACT) {
            messaging.acknowledge(transfer, transfer.getRequestMessageId(), ReasonCode.R99);
        }
        String why = "Cancelled by " + user + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
        store.fail(transfer, TransferStatus.CANCELLED, null, why);
        tasks.cancel(RequesterSide.EXTRACT_DUE, transfer.getConversationId());
        tasks.cancel(SenderSide.EXTRACT_SUPPLY_DUE, transfer.getConversationId());
        tasks.cancel(SenderSide.FINAL_ACK_DUE, transfer.getConversationId());
        audit.record(entry(user, "TRANSFER_CANCEL", transfer, Outcome.SUCCESS).withDetail(why));
        LOG.log(Level.INFO, "Conversation {0}: cancelled by an operator", transfer.getConversationId());
        return transfer;
    }

    private void refused(String user, String action, Transfer transfer, String why) {
        audit.record(entry(user, action, transfer, Outcome.DENIED).withDetail(why));
    }

    private static AuditEntry entry(String user, String action, Transfer transfer, Outcome outcome) {
        return new AuditEntry(ActorType.USER, user, action, "TRANSFER", transfer.getConversationId(),
                transfer.getNhsNumber(), outcome, null);
    }
}

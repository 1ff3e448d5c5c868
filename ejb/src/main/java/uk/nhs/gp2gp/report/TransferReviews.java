package uk.nhs.gp2gp.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferMessage;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.Transfers;

/** One transfer as the console's transfer page shows it, read in one transaction. Who may call: the console's roles. */
@Stateless
@RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
public class TransferReviews {

    @EJB
    private Transfers transfers;

    @EJB
    private PaperFallbacks paperFallbacks;

    @EJB
    private AuditLog audit;

    @Inject
    private Clock clock;

    /**
     * The transfer, its messages, how it went as the reports count it, its paper task if one was
     * asked for, and whether the record went to the national repository (nothing to print then).
     */
    public record TransferReview(Transfer transfer, List<TransferMessage> timeline, Classification outcome,
            PaperFallbackTask paperFallback, boolean sentToRepository) {
    }

    /** The transfer of the conversation (of the role, when given); the page's opening is audited. */
    public Optional<TransferReview> review(String conversationId, TransferRole role, Actor viewer, boolean opened) {
        return transfers.find(conversationId, role).map(transfer -> {
            if (opened) {
                audit.recordInCallersTransaction(AuditEntry.by(viewer, "TRANSFER_VIEW", "TRANSFER",
                        transfer.getConversationId(), Outcome.SUCCESS).withNhsNumber(transfer.getNhsNumber())
                        .withDetail("console"));
            }
            return new TransferReview(transfer, transfers.timeline(transfer),
                    OutcomeClassifier.classify(transfer, clock.instant()),
                    paperFallbacks.ofConversation(transfer.getConversationId()).orElse(null),
                    transfers.sentToRepository(transfer));
        });
    }
}

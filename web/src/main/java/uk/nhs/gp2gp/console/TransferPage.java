package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.report.Classification;
import uk.nhs.gp2gp.report.PaperFallbackTask;
import uk.nhs.gp2gp.report.PaperFallbacks;
import uk.nhs.gp2gp.report.TransferReviews;
import uk.nhs.gp2gp.transfer.FailureExplanation;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferActions;
import uk.nhs.gp2gp.transfer.TransferMessage;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * transfer.xhtml?id=...&role=...: one transfer, its message timeline, why it failed and what to do,
 * its outcome as the reports count it, and the operator's actions (retry, cancel, ask for the paper
 * record), each confirmed first and audited. Opening it is a read
 * of a patient's transfer and is audited too.
 */
@Named
@ViewScoped
public class TransferPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private TransferReviews reviews;

    @EJB
    private TransferActions actions;

    @EJB
    private PaperFallbacks paperFallbacks;

    @Inject
    private SignedInUser user;

    private String id;
    private TransferRole role;
    private Transfer transfer;
    private List<TransferMessage> timeline;
    private String cancelReason;
    private Classification outcome;
    private PaperFallbackTask paperFallback;
    private boolean sentToRepository;
    private String paperNote;

    /** Called by f:viewAction when the page opens. */
    public void load() {
        if (id == null || id.isBlank()) {
            transfer = null;
            return;
        }
        TransferReviews.TransferReview review = reviews.review(id.strip(), role, Actor.user(user.getName()),
                !FacesContext.getCurrentInstance().isPostback()).orElse(null);
        if (review == null) {
            transfer = null;
            return;
        }
        transfer = review.transfer();
        role = transfer.getRole();
        timeline = review.timeline();
        outcome = review.outcome();
        paperFallback = review.paperFallback();
        sentToRepository = review.sentToRepository();
    }

    public void retry() throws IOException {
        try {
            user.require(user.isMayAct());
            Transfer retry = actions.retry(transfer.getConversationId(), user.getName());
            ConsoleMessages.done("Transfer retried", "A new request went to " + retry.getSendingOds() + ".");
            FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
            FacesContext.getCurrentInstance().getExternalContext().redirect("transfer.xhtml?id="
                    + retry.getConversationId() + "&role=REQUESTER");
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Not retried", e);
        }
    }

    public void cancel() {
        try {
            user.require(user.isMayAct());
            actions.cancel(transfer.getConversationId(), transfer.getRole(), user.getName(), cancelReason);
            ConsoleMessages.done("Transfer cancelled", "Nothing more will be sent or waited for.");
            load();
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Not cancelled", e);
        }
    }

    /** Asks the paper records service to move this failed transfer's record on paper. */
    public void requestPaperFallback() {
        try {
            user.require(user.isMayAct());
            PaperFallbacks.Requested requested = paperFallbacks.request(transfer.getConversationId(),
                    Actor.user(user.getName()), paperNote);
            ConsoleMessages.done(requested.created() ? "Paper record requested" : "Already requested",
                    "Task " + requested.task().id() + " is on the paper records list.");
            paperNote = null;
            load();
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Paper record not requested", e);
        }
    }

    /** The old practice's side of a suspension: the record went to the national repository, nothing to print. */
    public boolean isSentToRepository() {
        return transfer != null && sentToRepository;
    }

    /** A failed transfer with no paper task yet. */
    public boolean isPaperFallbackNeeded() {
        return outcome != null && outcome.outcome().needsPaper() && paperFallback == null;
    }

    public boolean isRetryable() {
        return transfer != null && TransferActions.mayRetry(transfer);
    }

    public boolean isCancellable() {
        return transfer != null && TransferActions.mayCancel(transfer);
    }

    public FailureExplanation getFailure() {
        return transfer == null ? null : FailureExplanation.of(transfer);
    }

    public Classification getOutcome() {
        return outcome;
    }

    public PaperFallbackTask getPaperFallback() {
        return paperFallback;
    }

    public String getPaperNote() {
        return paperNote;
    }

    public void setPaperNote(String paperNote) {
        this.paperNote = paperNote;
    }

    public Transfer getTransfer() {
        return transfer;
    }

    public List<TransferMessage> getTimeline() {
        return timeline;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public TransferRole getRole() {
        return role;
    }

    public void setRole(TransferRole role) {
        this.role = role;
    }

    public String getCancelReason() {
        return cancelReason;
    }

    public void setCancelReason(String cancelReason) {
        this.cancelReason = cancelReason;
    }
}

package uk.nhs.gp2gp.suspension;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.demographics.DemographicRecord;
import uk.nhs.gp2gp.demographics.Demographics;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.record.PatientRecords;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.transfer.IntegrationOutcome;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.RequesterSide;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferActions;
import uk.nhs.gp2gp.transfer.TransferMoved;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;

/**
 * Suspension, inbound: a patient left a practice and registered nowhere, so the repository asks
 * that practice for the record over GP2GP (as any new practice would), stores what arrives,
 * acknowledges it and holds it. The conversation itself is the requester side's; this follows it
 * (its moves, an operator's cancel and retry included). An intake that failed or timed out is asked
 * for again by itself after {@code gp2gp.repository.retry-after}, up to {@code gp2gp.repository.retry-limit}
 * times. Runs in the caller's transaction.
 */
@Stateless
public class RepositoryIntake {

    static final String RETRY_DUE = "REPOSITORY_INTAKE_RETRY_DUE";
    private static final System.Logger LOG = System.getLogger(RepositoryIntake.class.getName());

    @Inject
    private RepositorySettings settings;

    @EJB
    private Demographics demographics;

    @EJB
    private SuspendedRecords holdings;

    @EJB
    private Practices practices;

    @EJB
    private RequesterSide requester;

    @EJB
    private TransferStore transfers;

    @EJB
    private PatientRecords records;

    @EJB
    private ScheduledTasks tasks;

    @Inject
    private Clock clock;

    /** What a de-registration led to: an outcome name for the event's answer, and why. */
    public record Decision(String outcome, String detail) {
    }

    /**
     * A de-registration from {@code leftOds}: checks the patient (deceased, registered again,
     * merged into another number), the practice (allow-list), then takes custody and asks for the record.
     */
    public Decision suspend(NhsNumber patient, String leftOds, String eventId) {
        String repository = settings.repositoryOds().orElseThrow();
        Optional<DemographicRecord> found = demographics.current(patient);
        if (found.isEmpty()) {
            return new Decision("NO_ACTION_UNKNOWN_PATIENT", "The patient is not in the demographics directory");
        }
        DemographicRecord entry = found.get();
        NhsNumber current = new NhsNumber(entry.nhsNumber());
        String merged = current.equals(patient) ? "" : " (followed the superseding NHS number)";
        if (entry.deceased()) {
            return new Decision("NO_ACTION_DECEASED", "The patient has died: no record is taken" + merged);
        }
        if (entry.registeredOds() != null) {
            return new Decision("NO_ACTION_NOT_SUSPENDED", "The patient is registered at " + entry.registeredOds()
                    + ": the record goes there by ordinary GP2GP" + merged);
        }
        if (!settings.allows(leftOds)) {
            // Not a practice the repository takes records from (yet): it keeps custody, as before the repository.
            demographics.setManagingOrganisation(current, leftOds);
            return new Decision("NO_ACTION_PRACTICE_NOT_ALLOWED", "Practice " + leftOds
                    + " is not on the repository's allow-list: it keeps the record (managing organisation)");
        }
        Optional<Suspension> latest = holdings.latest(current.value());
        if (latest.isPresent() && (latest.get().getStatus().isInbound()
                || latest.get().getStatus() == SuspensionStatus.COMPLETE)) {
            return new Decision("NO_ACTION_ALREADY_HELD", "The repository already "
                    + (latest.get().getStatus().isInbound() ? "is taking" : "holds") + " this patient's record");
        }
        Suspension suspension = new Suspension(current.value(), leftOds, eventId, clock.instant());
        holdings.add(suspension, "Suspended at " + leftOds + merged + ": the repository takes custody of the record");
        demographics.setManagingOrganisation(current, repository);
        if (practices.find(OdsCode.of(leftOds)).isEmpty()) {
            suspension.fail(SuspensionStatus.FAILED, ReasonCode.R24.code(), "Practice " + leftOds
                    + " is not in the practice directory: add it, then send the event again with a new id",
                    clock.instant());
            holdings.note(suspension, suspension.getFailureReason());
            holdings.audit(suspension, "SUSPENSION_FAILED", Outcome.FAILED, suspension.getSourceOds());
            return new Decision("SUSPENSION_FAILED", suspension.getFailureReason());
        }
        Transfer transfer = requester.request(current, OdsCode.of(repository), OdsCode.of(leftOds));
        suspension.requested(transfer.getConversationId());
        suspension.moveTo(SuspensionStatus.REQUEST_SENT, clock.instant());
        holdings.note(suspension, "EHR request sent to " + leftOds + " (conversation " + transfer.getConversationId()
                + ")");
        holdings.audit(suspension, "SUSPENSION_STARTED", Outcome.SUCCESS, suspension.getSourceOds());
        LOG.log(Level.INFO, "Suspension {0}: EHR request queued in conversation {1}", suspension.getId(),
                transfer.getConversationId());
        return new Decision("SUSPENSION_STARTED", "The record is requested from " + leftOds + " in conversation "
                + transfer.getConversationId());
    }

    /**
     * The repository's inbound transfer moved: the suspension follows it. A record that is all here
     * is acknowledged (the repository integrates by holding) and becomes the record it sends on.
     * A plain observer on purpose: it runs in the transaction that moved the transfer, so the
     * transfer and its suspension commit or roll back together. A transactional observer (after
     * success) would run after the commit, where a failure would leave the suspension behind.
     */
    public void transferMoved(@Observes TransferMoved moved) {
        if (moved.role() != TransferRole.REQUESTER || settings.repositoryOds().isEmpty()) {
            return;
        }
        transfers.find(moved.conversationId(), TransferRole.REQUESTER)
                .filter(t -> settings.isRepository(t.getRequestingOds()))
                .ifPresent(transfer -> {
                    if (moved.started()) {
                        retried(transfer);
                    } else {
                        holdings.byInboundConversation(transfer.getConversationId())
                                .ifPresent(s -> follow(s, transfer, moved.to()));
                    }
                });
    }

    /** An operator retried a transfer that ended without the record: its suspension asks again, in the new one. */
    private void retried(Transfer retry) {
        if (retry.getRetryOf() == null) {
            return;
        }
        holdings.byInboundConversation(retry.getRetryOf()).filter(s -> s.getStatus().isTerminal()).ifPresent(s -> {
            s.retried(retry.getConversationId(), clock.instant());
            holdings.note(s, "Retried by an operator: EHR request sent to " + s.getSourceOds() + " (conversation "
                    + retry.getConversationId() + ")");
            holdings.audit(s, "SUSPENSION_RETRIED", Outcome.SUCCESS, s.getSourceOds());
        });
    }

    private void follow(Suspension suspension, Transfer transfer, TransferStatus to) {
        if (suspension.getStatus().isTerminal()) {
            return;
        }
        switch (to) {
            case WAITING_FOR_PARTS -> {
                // The core came and the continue request went in the same step; later parts change nothing here.
                if (suspension.getStatus() == SuspensionStatus.REQUEST_SENT) {
                    suspension.moveTo(SuspensionStatus.CORE_RECEIVED, clock.instant());
                    holdings.note(suspension, "Core extract received: " + (transfer.getExpectedParts() - 1)
                            + " more parts named");
                    suspension.moveTo(SuspensionStatus.CONTINUE_SENT, clock.instant());
                    holdings.note(suspension, "Continue request sent: the parts are on their way");
                }
            }
            case READY_TO_INTEGRATE -> hold(suspension, transfer);
            case TIMED_OUT -> failed(suspension, SuspensionStatus.TIMED_OUT, transfer);
            // A cancel by an operator fails the suspension too (with the operator's reason); a retry reopens it.
            case FAILED, REJECTED, CANCELLED -> failed(suspension, ReasonCode.R31.code().equals(transfer.getFailureCode())
                    || ReasonCode.R25.code().equals(transfer.getFailureCode())
                    ? SuspensionStatus.TIMED_OUT : SuspensionStatus.FAILED, transfer);
            default -> {
                // Still asking (REQUESTED), or already integrated: nothing new to follow.
            }
        }
    }

    private void hold(Suspension suspension, Transfer transfer) {
        requester.recordOutcome(transfer, IntegrationOutcome.INTEGRATED, null);
        long size = records.adoptFromTransfer(OdsCode.of(transfer.getRequestingOds()),
                new NhsNumber(suspension.getNhsNumber()), transfer.getId());
        suspension.held(size, clock.instant());
        holdings.note(suspension, "Record complete (" + transfer.getReceivedParts() + " parts, " + size
                + " bytes) and acknowledged to " + suspension.getSourceOds() + ": held until the patient registers again");
        holdings.audit(suspension, "SUSPENDED_RECORD_HELD", Outcome.SUCCESS, suspension.getSourceOds());
    }

    private void failed(Suspension suspension, SuspensionStatus status, Transfer transfer) {
        String code = transfer.getFailureCode();
        String reason = transfer.getFailureText() != null ? transfer.getFailureText()
                : "The transfer ended " + transfer.getStatus();
        if (suspension.fail(status, code, reason, clock.instant())) {
            // An operator's cancel is deliberate: only an operator asks again after it.
            holdings.note(suspension, (code == null ? "" : "Code " + code + ": ") + reason
                    + (transfer.getStatus() == TransferStatus.CANCELLED ? "" : ". " + scheduleRetry(suspension)));
            holdings.audit(suspension, "SUSPENSION_" + status, Outcome.FAILED, suspension.getSourceOds());
        }
    }

    /** Asked again by itself later, as the national repository's queue redelivers, up to the limit; says when. */
    private String scheduleRetry(Suspension suspension) {
        if (suspension.getIntakeRetries() >= settings.retryLimit()) {
            return "Asked again " + suspension.getIntakeRetries() + " times already, the limit"
                    + " (gp2gp.repository.retry-limit): only an operator may retry it";
        }
        Instant due = clock.instant().plus(settings.retryAfter());
        tasks.schedule(RETRY_DUE, String.valueOf(suspension.getId()), due);
        return "It will be asked for again at " + due + " (retry " + (suspension.getIntakeRetries() + 1) + " of "
                + settings.retryLimit() + ")";
    }

    /**
     * The retry period of a failed or timed-out intake ran out: the old practice is asked again, in a
     * new conversation, unless an operator did it meanwhile, the patient registered somewhere (the
     * record then goes by ordinary GP2GP) or a newer suspension took over.
     */
    public void retryDue(long suspensionId) {
        holdings.lock(suspensionId).filter(s -> s.getStatus() == SuspensionStatus.FAILED
                || s.getStatus() == SuspensionStatus.TIMED_OUT).ifPresent(suspension -> {
            boolean newest = holdings.latest(suspension.getNhsNumber()).map(s -> s.getId().equals(suspension.getId()))
                    .orElse(true);
            Optional<DemographicRecord> patient = demographics.current(new NhsNumber(suspension.getNhsNumber()));
            if (!newest || patient.isEmpty() || patient.get().registeredOds() != null || patient.get().deceased()) {
                holdings.note(suspension, "Not asked again: the patient is no longer suspended here");
                return;
            }
            Optional<Transfer> ended = Optional.ofNullable(suspension.getInboundConversationId())
                    .flatMap(c -> transfers.lock(c, TransferRole.REQUESTER)).filter(TransferActions::mayRetry);
            if (ended.isEmpty()) {
                return;
            }
            // Moved on first: the retry's start event then finds it no longer ended and leaves it to this.
            suspension.retriedAutomatically(clock.instant());
            Transfer retry = requester.retry(ended.get());
            suspension.requested(retry.getConversationId());
            holdings.note(suspension, "Asked again automatically (retry " + suspension.getIntakeRetries() + " of "
                    + settings.retryLimit() + "): EHR request sent to " + suspension.getSourceOds() + " (conversation "
                    + retry.getConversationId() + ")");
            holdings.audit(suspension, "SUSPENSION_RETRIED", Outcome.SUCCESS, suspension.getSourceOds());
            LOG.log(Level.INFO, "Suspension {0}: intake retried automatically in conversation {1}",
                    suspension.getId(), retry.getConversationId());
        });
    }
}

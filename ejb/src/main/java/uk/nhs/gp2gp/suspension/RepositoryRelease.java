package uk.nhs.gp2gp.suspension;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.demographics.DemographicRecord;
import uk.nhs.gp2gp.demographics.Demographics;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.record.PatientRecords;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.transfer.LargeRecordSender;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.SenderRules;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferMoved;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;

/**
 * Re-registration, outbound: a practice asks the repository for a held record. The checks decide
 * whether it may have it; the sender side sends it as any practice's record (large messaging
 * included); the requester's positive final acknowledgement releases it, and after the retention
 * period the record is deleted for good; until then a released record is sent again when asked. Runs
 * in the caller's transaction.
 */
@Stateless
@LocalBean
@Local(SenderRules.class)
public class RepositoryRelease implements SenderRules {

    static final String PURGE_DUE = "REPOSITORY_PURGE_DUE";
    private static final System.Logger LOG = System.getLogger(RepositoryRelease.class.getName());

    @Inject
    private RepositorySettings settings;

    @EJB
    private SuspendedRecords holdings;

    @EJB
    private Demographics demographics;

    @EJB
    private PatientRecords records;

    @EJB
    private TransferStore transfers;

    @EJB
    private ScheduledTasks tasks;

    @EJB
    private LargeRecordSender largeRecords;

    @Inject
    private Clock clock;

    /** The sender side's wait for the final acknowledgement (SenderSide reads the same key). */
    @Inject
    @ConfigProperty(name = "gp2gp.sender.final-ack-timeout", defaultValue = "P8D")
    private Duration finalAckTimeout;

    @Override
    public boolean decides(String sendingOds) {
        return settings.isRepository(sendingOds);
    }

    /**
     * Checks a request for a held record (the sender transfer is new and holds the request). Empty
     * when it may be sent: the suspension then names the conversation it goes out in.
     */
    @Override
    public Optional<Refusal> check(Transfer request) {
        String requester = request.getRequestingOds();
        Optional<Suspension> latest = holdings.latest(request.getNhsNumber());
        if (latest.isEmpty()) {
            return refused(null, ReasonCode.R06, "The repository holds no record of this patient");
        }
        Suspension suspension = holdings.lock(latest.get().getId()).orElseThrow();
        switch (suspension.getStatus()) {
            case DELETED -> {
                return refused(suspension, ReasonCode.R06, "The record was released to " + suspension.getReleasedToOds()
                        + " on " + suspension.getReleasedAt() + " and deleted after its retention period");
            }
            case COMPLETE, RELEASED -> {
                // Held, or released but still within its retention period: the national repository sends a
                // soft-deleted record again until it is deleted for good (a practice may ask again after a
                // failed integration). Checked below.
            }
            default -> {
                return refused(suspension, ReasonCode.R06, "The record did not reach the repository (it is "
                        + suspension.getStatus() + "): the old practice still has it");
            }
        }
        Optional<DemographicRecord> patient = demographics.current(new NhsNumber(request.getNhsNumber()));
        String registeredAt = patient.map(DemographicRecord::registeredOds).orElse(null);
        if (!requester.equals(registeredAt)) {
            return refused(suspension, ReasonCode.R19, "The requesting practice " + requester + " is not the patient's"
                    + " registered practice (demographics say " + (registeredAt == null ? "none" : registeredAt) + ")");
        }
        Optional<Transfer> sending = Optional.ofNullable(suspension.getOutboundConversationId())
                .flatMap(c -> transfers.find(c, TransferRole.SENDER))
                .filter(t -> t.getStatus() == TransferStatus.EXTRACT_SENT);
        if (sending.isPresent()) {
            return refused(suspension, ReasonCode.R99, "The record is already on its way to "
                    + sending.get().getRequestingOds() + " in conversation " + sending.get().getConversationId());
        }
        if (records.find(OdsCode.of(request.getSendingOds()), new NhsNumber(request.getNhsNumber())).isEmpty()) {
            return refused(suspension, ReasonCode.R10, "The held record is missing from storage");
        }
        suspension.sendingTo(requester, request.getConversationId(), clock.instant());
        holdings.note(suspension, "Requested by " + requester + " (conversation " + request.getConversationId() + ")"
                + (suspension.isReturningPatient() ? ": a returning patient, back at the practice they left" : ""));
        holdings.audit(suspension, "SUSPENDED_RECORD_SENT", Outcome.SUCCESS, requester);
        return Optional.empty();
    }

    /**
     * A held record's transfer out ended: integrated (the requester's positive final acknowledgement)
     * releases it; otherwise (not integrated, no acknowledgement in time, cancelled) it stays held.
     * A plain observer, as in {@link RepositoryIntake}: the release commits or rolls back with the move.
     */
    public void transferMoved(@Observes TransferMoved moved) {
        if (moved.role() != TransferRole.SENDER || !moved.to().isTerminal() || settings.repositoryOds().isEmpty()) {
            return;
        }
        transfers.find(moved.conversationId(), TransferRole.SENDER)
                .filter(t -> settings.isRepository(t.getSendingOds()))
                .ifPresent(this::sendingEnded);
    }

    private void sendingEnded(Transfer sent) {
        holdings.byOutboundConversation(sent.getConversationId()).ifPresent(suspension -> {
            if (suspension.getStatus() != SuspensionStatus.COMPLETE
                    && suspension.getStatus() != SuspensionStatus.RELEASED) {
                return;
            }
            if (sent.getStatus() == TransferStatus.COMPLETE) {
                // Integrated again within the retention period: the retention starts again, as the national
                // repository's soft delete sets DeletedAt afresh on every integration acknowledgement.
                Instant deleteAfter = clock.instant().plus(settings.retention());
                suspension.released(sent.getRequestingOds(), clock.instant(), deleteAfter);
                tasks.schedule(PURGE_DUE, String.valueOf(suspension.getId()), deleteAfter);
                holdings.note(suspension, "Integrated by " + sent.getRequestingOds() + ": released, kept until "
                        + deleteAfter + " and then deleted");
                holdings.audit(suspension, "SUSPENDED_RECORD_RELEASED", Outcome.SUCCESS, sent.getRequestingOds());
            } else {
                holdings.note(suspension, sent.getRequestingOds() + " did not get or integrate the record ("
                        + sent.getStatus() + (sent.getFailureCode() == null ? "" : ", code " + sent.getFailureCode())
                        + "): still held, the practice may ask again");
            }
        });
    }

    /**
     * The retention period of a released record ran out: its content is deleted for good. Not while it
     * is being sent again by large messaging with parts still to go (they are read from storage when the
     * continue request comes): the deletion then waits past that transfer's final-acknowledgement
     * window, and an integration meanwhile starts the retention afresh.
     */
    public void purge(long suspensionId) {
        holdings.lock(suspensionId).filter(s -> s.getStatus() == SuspensionStatus.RELEASED).ifPresent(suspension -> {
            Optional<Transfer> resending = stillSending(suspension);
            if (resending.isPresent()) {
                Instant later = clock.instant().plus(finalAckTimeout).plusSeconds(1);
                tasks.schedule(PURGE_DUE, String.valueOf(suspension.getId()), later);
                holdings.note(suspension, "Retention period over, but parts of the record are still to go in conversation "
                        + resending.get().getConversationId() + ": not deleted before " + later);
                return;
            }
            // The patient may have been suspended again since: that newer record stays.
            boolean newest = holdings.latest(suspension.getNhsNumber()).map(s -> s.getId().equals(suspension.getId()))
                    .orElse(true);
            if (newest) {
                records.delete(OdsCode.of(settings.repositoryOds().orElseThrow()),
                        new NhsNumber(suspension.getNhsNumber()));
            }
            suspension.purged(clock.instant());
            holdings.note(suspension, "Retention period over: the record is deleted");
            holdings.audit(suspension, "SUSPENDED_RECORD_DELETED", Outcome.SUCCESS, null);
            LOG.log(Level.INFO, "Suspension {0}: record deleted after the retention period", suspension.getId());
        });
    }

    /** The transfer sending this record out now, if it has not ended and parts of the record are still to go. */
    private Optional<Transfer> stillSending(Suspension suspension) {
        return Optional.ofNullable(suspension.getOutboundConversationId())
                .flatMap(c -> transfers.find(c, TransferRole.SENDER))
                .filter(t -> !t.getStatus().isTerminal() && largeRecords.hasPartsToSend(t));
    }

    private Optional<Refusal> refused(Suspension suspension, ReasonCode reason, String detail) {
        if (suspension != null) {
            holdings.note(suspension, "Request refused with code " + reason.code() + ": " + detail);
        }
        return Optional.of(new Refusal(reason, detail));
    }
}

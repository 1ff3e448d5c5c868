package uk.nhs.gp2gp.transfer;

import static uk.nhs.gp2gp.transfer.TransferRole.REQUESTER;
import static uk.nhs.gp2gp.transfer.TransferRole.SENDER;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a transfer is, for each role, and the only moves allowed between states. Every change of
 * state goes through {@link #canMoveTo}; the test checks every pair.
 */
public enum TransferStatus {

    // Requester (new practice)
    /** The EHR request is written and waits in the outbox or is on its way. */
    REQUESTED(REQUESTER, false),
    /** The core extract arrived; it names attachments that are still to come (large messaging). */
    WAITING_FOR_PARTS(REQUESTER, false),
    /** The whole record is here; the practice's system must read it and report the outcome within 8 days. */
    READY_TO_INTEGRATE(REQUESTER, false),
    /** Integrated: the positive final acknowledgement was sent. */
    INTEGRATED(REQUESTER, true),
    /** A returning patient's record stored as suppressed (final acknowledgement code 15): counts as integrated. */
    SUPPRESSED(REQUESTER, true),
    /** The practice rejected the record (wrong patient, could not integrate): negative final acknowledgement. */
    REJECTED(REQUESTER, true),
    /** The sending practice refused the request, or the record could not be processed. */
    FAILED(REQUESTER, true),
    /** No extract arrived in time; nothing can be acknowledged. Paper route. */
    TIMED_OUT(REQUESTER, true),

    // Sender (old practice)
    /** The request is accepted; the partner system must supply the extract (no record stored here). */
    WAITING_FOR_EXTRACT(SENDER, false),
    /** The extract (and any attachments) went out; waiting for the requester's final acknowledgement. */
    EXTRACT_SENT(SENDER, false),
    /** The requester sent a positive (or code 15) final acknowledgement. */
    COMPLETE(SENDER, true),
    /** We refused the request with a negative acknowledgement (unknown patient, wrong practice, ...). */
    REFUSED(SENDER, true),
    /** The requester rejected the record, or no final acknowledgement came within 8 days. */
    NOT_INTEGRATED(SENDER, true),

    // Both roles
    /** Stopped by an operator. */
    CANCELLED(null, true);

    private static final Map<TransferStatus, Set<TransferStatus>> NEXT = Map.ofEntries(
            Map.entry(REQUESTED, EnumSet.of(WAITING_FOR_PARTS, READY_TO_INTEGRATE, FAILED, TIMED_OUT, CANCELLED)),
            Map.entry(WAITING_FOR_PARTS, EnumSet.of(READY_TO_INTEGRATE, FAILED, CANCELLED)),
            Map.entry(READY_TO_INTEGRATE, EnumSet.of(INTEGRATED, SUPPRESSED, REJECTED, FAILED, CANCELLED)),
            Map.entry(WAITING_FOR_EXTRACT, EnumSet.of(EXTRACT_SENT, REFUSED, CANCELLED)),
            Map.entry(EXTRACT_SENT, EnumSet.of(COMPLETE, NOT_INTEGRATED, CANCELLED)));

    private final TransferRole role;
    private final boolean terminal;

    TransferStatus(TransferRole role, boolean terminal) {
        this.role = role;
        this.terminal = terminal;
    }

    /** The role this state belongs to; null for states both roles share. */
    public TransferRole role() {
        return role;
    }

    public boolean isTerminal() {
        return terminal;
    }

    public boolean canMoveTo(TransferStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }

    public boolean belongsTo(TransferRole transferRole) {
        return role == null || role == transferRole;
    }

    /** Where a new transfer of this role starts. A sender starts waiting until it has the extract. */
    public static TransferStatus initial(TransferRole transferRole) {
        return transferRole == REQUESTER ? REQUESTED : WAITING_FOR_EXTRACT;
    }
}

package uk.nhs.gp2gp.suspension;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a suspended patient's record is in the repository, and the only moves allowed. Inbound
 * (the record comes from the practice the patient left) as in the reference's tracker; then held
 * until a new practice asks, released once it integrated the record, deleted after retention.
 */
public enum SuspensionStatus {
    /** The suspension is accepted and the EHR request is about to go. */
    STARTED(false),
    /** The EHR request went to the old practice. */
    REQUEST_SENT(false),
    /** The core extract arrived; it names parts still to come. */
    CORE_RECEIVED(false),
    /** The continue request went: the parts are on their way. */
    CONTINUE_SENT(false),
    /** Every part is here and acknowledged: the record is held and can be sent on. */
    COMPLETE(false),
    /** The old practice refused, or what came could not be stored. Ends here unless an operator retries. */
    FAILED(true),
    /** The record, or some of its parts, never came. Ends here unless an operator retries. */
    TIMED_OUT(true),
    /** A new practice integrated the record; it is soft-deleted and purged after the retention period. */
    RELEASED(false),
    /** The retention period ran out: the record's content is gone; this row remains as the trail. */
    DELETED(true);

    private static final Map<SuspensionStatus, Set<SuspensionStatus>> NEXT = Map.of(
            STARTED, EnumSet.of(REQUEST_SENT, FAILED),
            REQUEST_SENT, EnumSet.of(CORE_RECEIVED, COMPLETE, FAILED, TIMED_OUT),
            CORE_RECEIVED, EnumSet.of(CONTINUE_SENT, COMPLETE, FAILED, TIMED_OUT),
            CONTINUE_SENT, EnumSet.of(COMPLETE, FAILED, TIMED_OUT),
            COMPLETE, EnumSet.of(RELEASED),
            FAILED, EnumSet.of(REQUEST_SENT),
            TIMED_OUT, EnumSet.of(REQUEST_SENT),
            RELEASED, EnumSet.of(DELETED));

    private final boolean terminal;

    SuspensionStatus(boolean terminal) {
        this.terminal = terminal;
    }

    /** Nothing moves it on by itself: only an operator's retry of its transfer (back to {@link #REQUEST_SENT}). */
    public boolean isTerminal() {
        return terminal;
    }

    /** Still coming in from the old practice. */
    public boolean isInbound() {
        return this == STARTED || this == REQUEST_SENT || this == CORE_RECEIVED || this == CONTINUE_SENT;
    }

    public boolean canMoveTo(SuspensionStatus next) {
        return NEXT.getOrDefault(this, Set.of()).contains(next);
    }
}

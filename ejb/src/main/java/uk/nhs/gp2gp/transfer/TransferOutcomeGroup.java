package uk.nhs.gp2gp.transfer;

import java.util.EnumSet;
import java.util.Set;

/** The states folded into what a person scanning a chart cares about: done, failed, still going. */
public enum TransferOutcomeGroup {
    IN_PROGRESS("In progress", EnumSet.of(TransferStatus.REQUESTED, TransferStatus.WAITING_FOR_PARTS,
            TransferStatus.READY_TO_INTEGRATE, TransferStatus.WAITING_FOR_EXTRACT, TransferStatus.EXTRACT_SENT)),
    COMPLETED("Completed", EnumSet.of(TransferStatus.INTEGRATED, TransferStatus.SUPPRESSED,
            TransferStatus.COMPLETE)),
    FAILED("Failed", EnumSet.of(TransferStatus.REJECTED, TransferStatus.FAILED, TransferStatus.TIMED_OUT,
            TransferStatus.REFUSED, TransferStatus.NOT_INTEGRATED)),
    CANCELLED("Cancelled", EnumSet.of(TransferStatus.CANCELLED));

    private final String label;
    private final Set<TransferStatus> statuses;

    TransferOutcomeGroup(String label, Set<TransferStatus> statuses) {
        this.label = label;
        this.statuses = statuses;
    }

    public String label() {
        return label;
    }

    public Set<TransferStatus> statuses() {
        return statuses;
    }

    public static TransferOutcomeGroup of(TransferStatus status) {
        for (TransferOutcomeGroup group : values()) {
            if (group.statuses.contains(status)) {
                return group;
            }
        }
        throw new IllegalArgumentException("No group for " + status);
    }
}

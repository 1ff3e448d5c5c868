package uk.nhs.gp2gp.transfer;

/**
 * A transfer changed state: the CDI event that whatever follows transfers (the suspended-records
 * repository, for one) observes, so that {@code transfer} never calls them. Fired by
 * {@link TransferStore}, the only place a transfer's state changes; {@code from} is null when the
 * transfer has just started (a retry's new transfer then names the one it retries: {@code Transfer.getRetryOf()}).
 */
public record TransferMoved(String conversationId, TransferRole role, TransferStatus from, TransferStatus to) {

    public boolean started() {
        return from == null;
    }
}

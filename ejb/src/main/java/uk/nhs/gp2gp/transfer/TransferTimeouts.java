package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.gp2gp.scheduler.TaskHandler;

/** The protocol's timeouts, as scheduled tasks keyed by conversation id. */
public final class TransferTimeouts {

    private TransferTimeouts() {
    }

    /** No extract within the requester's timeout: the transfer times out (nothing to acknowledge). */
    @ApplicationScoped
    public static class ExtractDue implements TaskHandler {
        @EJB
        private RequesterSide requester;

        @Override
        public String kind() {
            return RequesterSide.EXTRACT_DUE;
        }

        @Override
        public void run(String conversationId) {
            requester.extractTimedOut(conversationId);
        }
    }

    /** Not every part of a large record arrived in time: negative acknowledgement 31. */
    @ApplicationScoped
    public static class PartsDue implements TaskHandler {
        @EJB
        private LargeRecordParts largeRecords;

        @Override
        public String kind() {
            return LargeRecordParts.PARTS_DUE;
        }

        @Override
        public void run(String conversationId) {
            largeRecords.timedOut(conversationId);
        }
    }

    /** The partner system never supplied the extract: the request is refused with code 10. */
    @ApplicationScoped
    public static class ExtractSupplyDue implements TaskHandler {
        @EJB
        private SenderSide sender;

        @Override
        public String kind() {
            return SenderSide.EXTRACT_SUPPLY_DUE;
        }

        @Override
        public void run(String conversationId) {
            sender.extractSupplyTimedOut(conversationId);
        }
    }

    /** No final acknowledgement within 8 days of the extract: not integrated, paper process. */
    @ApplicationScoped
    public static class FinalAckDue implements TaskHandler {
        @EJB
        private SenderSide sender;

        @Override
        public String kind() {
            return SenderSide.FINAL_ACK_DUE;
        }

        @Override
        public void run(String conversationId) {
            sender.finalAckTimedOut(conversationId);
        }
    }
}

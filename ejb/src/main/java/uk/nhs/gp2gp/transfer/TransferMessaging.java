package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Optional;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.transport.OutboundMessage;
import uk.nhs.gp2gp.transport.Outbox;
import uk.nhs.gp2gp.transport.Transports;

/** Sends a transfer's messages: into the outbox and onto the transfer's timeline, in the caller's transaction. */
@Stateless
public class TransferMessaging {

    @EJB
    private Outbox outbox;

    @EJB
    private TransferStore transfers;

    @EJB
    private Practices practices;

    @Inject
    private ConversationCodec codec;

    @Inject
    private Transports transports;

    public TransferMessage send(Transfer transfer, OutboundMessage message, String refersTo) {
        outbox.enqueue(transfer.getId(), message);
        return transfers.sent(transfer, message.messageId(), message.interactionId(), refersTo,
                message.envelope().length);
    }

    /** Acknowledges a message to the other practice of this transfer: AA, or AE with the reason. */
    public void acknowledge(Transfer transfer, String refersTo, ReasonCode negativeReason) {
        AckType type = negativeReason == null ? AckType.AA : AckType.AE;
        OutboundMessage ack = codec.acknowledgement(transfer.getConversationId(), ours(transfer), theirs(transfer),
                refersTo, type, negativeReason);
        send(transfer, ack, refersTo).withAcknowledgement(type.name(),
                negativeReason == null ? null : negativeReason.code());
    }

    /** The continue request: the sender may now send the parts the extract names (large messaging). */
    public void askForParts(Transfer transfer, String extractMessageId) {
        send(transfer, codec.continueRequest(transfer.getConversationId(), ours(transfer), theirs(transfer),
                extractMessageId), extractMessageId);
    }

    public Party ours(Transfer transfer) {
        return party(transfer.getHostedOds());
    }

    /**
     * The other practice: as its request named it (ASID, party key) when it asked us, so that a practice
     * the directory does not list is answered too; else as the directory has it.
     */
    public Party theirs(Transfer transfer) {
        if (transfer.getPartnerAsid() != null) {
            return new Party(transfer.getPartnerOds(), transfer.getPartnerAsid(), transfer.getPartnerPartyKey());
        }
        return party(transfer.getPartnerOds());
    }

    /** Why nothing can reach the other practice, if nothing can: one the directory does not list, without the MHS. */
    public Optional<String> noRouteTo(Transfer transfer) {
        if (practices.find(OdsCode.of(transfer.getPartnerOds())).isPresent() || transports.routesUnlisted()) {
            return Optional.empty();
        }
        return Optional.of("Practice " + transfer.getPartnerOds() + " is not in the practice directory, and only the"
                + " MHS adaptor routes to a practice by its ODS code alone (gp2gp.transport is not mhs): add the"
                + " practice to the directory with its peer, or send through the MHS adaptor");
    }

    private Party party(String odsCode) {
        Practice practice = practices.find(OdsCode.of(odsCode)).orElseThrow(() -> new IllegalStateException(
                "Practice " + odsCode + " is not in the practice directory"));
        return Party.of(practice);
    }
}

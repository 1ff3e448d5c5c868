package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.UnreadableMessageException;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;

/**
 * Every inbound GP2GP message comes through here, one transaction each: read it, recognise a
 * duplicate (same message id: answered the same, processed once), and hand it to the side of the
 * conversation it belongs to. A message for a conversation we do not know creates no state. A
 * message from an authenticated caller is first checked against the practice directory; one whose
 * content cannot be used is answered in its conversation with the code its fault deserves.
 */
@Stateless
@Local(InboundReceiver.class)
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InboundDispatcher implements InboundReceiver {

    private static final System.Logger LOG = System.getLogger(InboundDispatcher.class.getName());

    @Inject
    private ConversationCodec codec;

    @EJB
    private TransferStore transfers;

    @EJB
    private SenderSide sender;

    @EJB
    private RequesterSide requester;

    @EJB
    private LargeRecordParts largeRecords;

    @Inject
    private PracticeIdentification identification;

    @Override
    public InboundOutcome receive(byte[] envelope, InboundSource source) {
        ReceivedMessage message;
        try {
            message = codec.read(envelope);
        } catch (UnreadableMessageException e) {
            return unreadable(e);
        }
        Optional<String> notAllowed = source.inside() ? Optional.empty()
                : (source.checked() ? senderNotAllowed(message, source) : Optional.<String>empty())
                        .or(() -> claimsHostedPractice(message));
        if (notAllowed.isPresent()) {
            LOG.log(Level.WARNING, "Conversation {0}: {1} {2} from {3} refused: {4}", message.conversationId(),
                    message.interactionId(), message.messageId(), source.describe(), notAllowed.get());
            return InboundOutcome.forbidden(notAllowed.get());
        }
        InboundOutcome outcome = message.isUsable() ? dispatch(message) : unusable(message);
        LOG.log(Level.INFO, "Conversation {0}: {1} {2}: {3}", message.conversationId(), message.interactionId(),
                message.messageId(), outcome.kind());
        return outcome;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public InboundOutcome receiveInCallersTransaction(byte[] envelope, InboundSource source) {
        return receive(envelope, source);
    }

    private InboundOutcome dispatch(ReceivedMessage message) {
        return switch (message.interaction()) {
            case EHR_REQUEST -> sender.requestReceived(message);
            case EHR_EXTRACT, EHR_EXTRACT_UK07 ->
                    forTransfer(message, TransferRole.REQUESTER, t -> requester.extractReceived(t, message));
            case ACKNOWLEDGEMENT -> acknowledgement(message);
            // A continue request goes to the sender of the extract; any other COPC is a part of a record we asked for.
            case COPC -> message.isContinueRequest()
                    ? forTransfer(message, TransferRole.SENDER, t -> sender.continueReceived(t, message))
                    : forTransfer(message, TransferRole.REQUESTER, t -> largeRecords.received(t, message));
        };
    }

    /**
     * A message of a known conversation whose content cannot be used gets the negative acknowledgement
     * its fault deserves from the side it reaches ({@link Faults}), never a refusal that leaves its sender
     * waiting 8 days. With no conversation to answer in, it is refused at the door.
     */
    private InboundOutcome unusable(ReceivedMessage message) {
        for (TransferRole side : Faults.sidesReceiving(message.interaction())) {
            Optional<Transfer> transfer = transfers.lock(message.conversationId(), side);
            if (transfer.isPresent()) {
                return once(transfer.get(), message, t -> switch (side) {
                    case SENDER -> sender.unusableReceived(t, message);
                    case REQUESTER -> switch (message.interaction()) {
                        case COPC -> largeRecords.received(t, message);
                        case ACKNOWLEDGEMENT -> requester.requestAcknowledged(t, message);
                        default -> requester.extractReceived(t, message);
                    };
                });
            }
        }
        return InboundOutcome.refused("Unreadable message, and no conversation " + message.conversationId()
                + " to answer it in: " + message.fault().describe());
    }

    /**
     * A message from outside that names a practice hosted here as its sender, by any of the identifiers
     * the directory knows it by (party key, ASID, the ODS code the HL7 gives), is refused whoever sends
     * it: only this instance speaks for its practices.
     */
    private Optional<String> claimsHostedPractice(ReceivedMessage message) {
        return identification.namedAsSender(message).stream().filter(Practice::isHosted).findFirst()
                .map(hosted -> "Practice " + hosted.getOdsCode() + " is hosted here: only this instance sends its"
                        + " messages");
    }

    /**
     * Why the caller may not send this message, if it may not. The sending practice is identified as
     * {@link PracticeIdentification} says (party key, else ASID, else the request's author), never by a
     * piece of its party key. A peer speaks only for the practices the directory gives it, with their
     * ASID, and only in conversations those practices take part in; a request must be made in its own
     * name. The MHS adaptor also speaks for practices the directory does not list: their requests are
     * answered (through the MHS), and in a known conversation only the party the request came from speaks.
     */
    private Optional<String> senderNotAllowed(ReceivedMessage message, InboundSource source) {
        Optional<Practice> practice = identification.sender(message);
        if (practice.isEmpty()) {
            return source.peer() != null
                    ? Optional.of("The sending practice (" + describe(message.sender()) + ") is not in the practice"
                            + " directory, and " + source.describe() + " speaks only for the practices it gives it")
                    : notThePartner(message);
        }
        String ods = practice.get().getOdsCode();
        if (!Objects.equals(practice.get().getPeer(), source.peer())) {
            return Optional.of("Practice " + ods + " is not reached through " + source.describe());
        }
        String asid = practice.get().getAsid();
        // A payload that could not be read names no ASID: then its party key alone says who sent it.
        boolean asidGiven = message.isUsable() || message.sender().asid() != null;
        if (asid != null && asidGiven && !asid.equals(message.sender().asid())) {
            return Optional.of("The sending ASID " + message.sender().asid() + " is not practice " + ods
                    + "'s in the practice directory (" + asid + ")");
        }
        if (message.interaction() == Interaction.EHR_REQUEST && !ods.equalsIgnoreCase(message.fromOds())) {
            return Optional.of("Practice " + ods + " asks in the name of another practice (" + message.fromOds() + ")");
        }
        // A new conversation (a request) has no transfer yet; a known one only hears from its partner.
        List<Transfer> conversation = transfers.ofConversation(message.conversationId());
        if (!conversation.isEmpty() && conversation.stream().noneMatch(t -> ods.equalsIgnoreCase(t.getPartnerOds()))) {
            return Optional.of("Practice " + ods + " takes no part in conversation " + message.conversationId());
        }
        return Optional.empty();
    }

    /** A practice the directory does not list may start a conversation, and then speak only in its own. */
    private Optional<String> notThePartner(ReceivedMessage message) {
        List<Transfer> conversation = transfers.ofConversation(message.conversationId());
        if (conversation.isEmpty() || conversation.stream().anyMatch(t -> isPartner(t, message.sender()))) {
            return Optional.empty();
        }
        return Optional.of("The sending practice (" + describe(message.sender()) + ") takes no part in conversation "
                + message.conversationId());
    }

    /** The party a request came from, as it named itself then: the same party key, or the same ASID. */
    private static boolean isPartner(Transfer transfer, Party sender) {
        return sender.partyKey() != null && sender.partyKey().equalsIgnoreCase(transfer.getPartnerPartyKey())
                || sender.asid() != null && sender.asid().equals(transfer.getPartnerAsid());
    }

    private static String describe(Party party) {
        return "party key " + party.partyKey() + ", ASID " + party.asid();
    }

    /** An acknowledgement either answers our request (we are the requester) or our extract (we are the sender). */
    private InboundOutcome acknowledgement(ReceivedMessage ack) {
        Optional<Transfer> asSender = transfers.lock(ack.conversationId(), TransferRole.SENDER)
                .filter(t -> ack.refersTo() != null && ack.refersTo().equalsIgnoreCase(t.getExtractMessageId()));
        if (asSender.isPresent()) {
            return once(asSender.get(), ack, t -> sender.finalAcknowledgement(t, ack));
        }
        Optional<Transfer> asRequester = transfers.lock(ack.conversationId(), TransferRole.REQUESTER)
                .filter(t -> ack.refersTo() != null && ack.refersTo().equalsIgnoreCase(t.getRequestMessageId()));
        if (asRequester.isPresent()) {
            return once(asRequester.get(), ack, t -> requester.requestAcknowledged(t, ack));
        }
        // The requester acknowledges each COPC of a large record we sent (protocol 2.2): noted.
        Optional<Transfer> partSent = transfers.lock(ack.conversationId(), TransferRole.SENDER)
                .filter(t -> ack.refersTo() != null && transfers.sent(t, ack.refersTo()));
        if (partSent.isPresent()) {
            return once(partSent.get(), ack, t -> sender.partAcknowledged(t, ack));
        }
        return InboundOutcome.refused("The acknowledgement refers to no message of a known conversation");
    }

    private InboundOutcome forTransfer(ReceivedMessage message, TransferRole role, Step step) {
        return transfers.lock(message.conversationId(), role)
                .map(t -> once(t, message, step))
                .orElseGet(() -> InboundOutcome.refused("No transfer for conversation " + message.conversationId()));
    }

    private InboundOutcome once(Transfer transfer, ReceivedMessage message, Step step) {
        if (transfers.alreadyReceived(transfer, message.messageId())) {
            return InboundOutcome.duplicate();
        }
        return step.apply(transfer);
    }

    /**
     * A message we cannot read even the ids of, or a request with nothing to trust in it: refused at the
     * door with the reason (nothing to answer to). A request we could read enough of is answered with
     * its code by the sender side, any other message of a known conversation by {@link #unusable}.
     */
    private InboundOutcome unreadable(UnreadableMessageException e) {
        LOG.log(Level.INFO, "Unreadable inbound message: {0} ({1})", e.field(), e.nackCode());
        return InboundOutcome.refused("Unreadable message: " + e.getMessage());
    }

    @FunctionalInterface
    private interface Step {
        InboundOutcome apply(Transfer transfer);
    }
}

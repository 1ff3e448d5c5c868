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
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.UnreadableMessageException;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;

/**
 * Every inbound GP2GP message comes through here, one transaction each: read it, recognise a
 * duplicate (same message id: answered the same, processed once), and hand it to the side of the
 * conversation it belongs to. A message for a conversation we do not know creates no state. A
 * message from an authenticated caller is first checked against the practice directory.
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

    @EJB
    private Practices practices;

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
        InboundOutcome outcome = dispatch(message);
        LOG.log(Level.INFO, "Conversation {0}: {1} {2}: {3}", message.conversationId(), message.interactionId(),
                message.messageId(), outcome.kind());
        return outcome;
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
     * A message from outside that names a practice hosted here as its sender (ebXML From party, or a
     * request's author) is refused whoever sends it: only this instance speaks for its practices.
     */
    private Optional<String> claimsHostedPractice(ReceivedMessage message) {
        for (String ods : new String[] {message.sender() == null ? null : message.sender().odsCode(),
                message.fromOds()}) {
            Optional<Practice> practice;
            try {
                practice = ods == null ? Optional.empty() : practices.find(OdsCode.of(ods));
            } catch (InvalidIdentifierException notACode) {
                continue;
            }
            if (practice.filter(Practice::isHosted).isPresent()) {
                return Optional.of("Practice " + practice.get().getOdsCode()
                        + " is hosted here: only this instance sends its messages");
            }
        }
        return Optional.empty();
    }

    /**
     * Why the caller may not send this message, if it may not: a peer speaks only for the practices
     * the directory gives it (the MHS adaptor for those it gives no peer), with their ASID, and only
     * in conversations those practices take part in. The sender is the ebXML From party; a request
     * must also be made in its own name.
     */
    private Optional<String> senderNotAllowed(ReceivedMessage message, InboundSource source) {
        String ods = message.sender().odsCode();
        Optional<Practice> practice;
        try {
            practice = practices.find(OdsCode.of(ods));
        } catch (InvalidIdentifierException e) {
            return Optional.of("The message names no valid sending practice (ebXML From PartyId)");
        }
        if (practice.isEmpty()) {
            return Optional.of("The sending practice " + ods + " is not in the practice directory");
        }
        if (!Objects.equals(practice.get().getPeer(), source.peer())) {
            return Optional.of("Practice " + ods + " is not reached through " + source.describe());
        }
        String asid = practice.get().getAsid();
        if (asid != null && !asid.equals(message.sender().asid())) {
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
     * A message we cannot read. A request we could read enough of is answered with its code by the
     * sender side; anything else is refused at the door with the reason (nothing to answer to).
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

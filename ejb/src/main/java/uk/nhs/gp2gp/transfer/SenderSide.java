package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.record.PatientRecord;
import uk.nhs.gp2gp.record.PatientRecords;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The old practice's side: checks a request for one of our practices' patients, answers it with the
 * stored record (or waits for the partner system to supply it), and waits up to 8 days for the
 * requester's final acknowledgement. Runs in the caller's transaction.
 */
@Stateless
public class SenderSide {

    static final String EXTRACT_SUPPLY_DUE = "SENDER_EXTRACT_SUPPLY_DUE";
    static final String FINAL_ACK_DUE = "SENDER_FINAL_ACK_DUE";
    private static final System.Logger LOG = System.getLogger(SenderSide.class.getName());

    @EJB
    private TransferStore transfers;

    @EJB
    private TransferMessaging messaging;

    @EJB
    private PatientRecords records;

    @EJB
    private ScheduledTasks tasks;

    @Inject
    private ConversationCodec codec;

    @Inject
    private Clock clock;

    @EJB
    private LargeRecordSender largeRecords;

    @EJB
    private SenderRules custodian;

    @Inject
    private RegistrationCheck registration;

    @Inject
    private PracticeIdentification identification;

    @EJB
    private AuditLog audit;

    @Inject
    @ConfigProperty(name = "gp2gp.sender.extract-supply-timeout", defaultValue = "PT1H")
    private Duration extractSupplyTimeout;

    @Inject
    @ConfigProperty(name = "gp2gp.sender.final-ack-timeout", defaultValue = "P8D")
    private Duration finalAckTimeout;

    public InboundOutcome requestReceived(ReceivedMessage request) {
        // For us: the practice the request's To party key, receiving ASID or destination names, hosted here.
        Optional<Practice> ours = identification.receiver(request).filter(Practice::isHosted);
        if (ours.isEmpty()) {
            return InboundOutcome.refused("The request is for practice " + request.toOds()
                    + ", which is not hosted here");
        }
        if (transfers.find(request.conversationId(), TransferRole.SENDER).isPresent()) {
            // Same conversation asked again (with another message id): ignored, no second extract.
            return InboundOutcome.duplicate();
        }
        boolean validNumber = NhsNumber.isValid(request.nhsNumber());
        Transfer transfer = new Transfer(request.conversationId(), TransferRole.SENDER, request.nhsNumber(),
                OdsCode.of(request.fromOds()), ours.get().odsCode(), clock.instant());
        transfer.recordRequest(request.ehrRequestId(), request.messageId());
        // Answers go where the request came from, as the NHS adaptors answer: listed in the directory or not.
        transfer.recordPartner(request.sender().asid(), request.sender().partyKey());
        transfers.add(transfer);
        transfers.received(transfer, request);

        Optional<String> noRoute = messaging.noRouteTo(transfer);
        if (noRoute.isPresent()) {
            // Nothing can be sent: the transfer says why, rather than a refusal nobody would receive.
            transfers.fail(transfer, TransferStatus.REFUSED, null, noRoute.get());
            LOG.log(Level.WARNING, "Conversation {0}: the request cannot be answered: {1}",
                    transfer.getConversationId(), noRoute.get());
            return InboundOutcome.processed("not answered: " + noRoute.get());
        }

        if (!validNumber) {
            refuse(transfer, ReasonCode.R18, "The request's NHS number is missing or fails the modulus 11 check");
            return InboundOutcome.processed("refused: malformed request");
        }
        if (custodian.decides(ours.get().getOdsCode())) {
            // A held record of a suspended patient: only for the practice they are registered at now. The
            // repository's own checks include that one, always on, and note each refusal in the record's history.
            Optional<SenderRules.Refusal> refusal = custodian.check(transfer);
            if (refusal.isPresent()) {
                refuse(transfer, refusal.get().reason(), refusal.get().detail());
                return InboundOutcome.processed("refused by the repository: " + refusal.get().reason().code());
            }
        } else if (refusedAsNotRegistered(transfer)) {
            return InboundOutcome.processed("refused: the requester is not the patient's registered practice");
        }
        Optional<PatientRecord> record = records.find(ours.get().odsCode(), new NhsNumber(request.nhsNumber()));
        if (record.isPresent()) {
            try (InputStream extract = records.openExtract(record.get())) {
                sendRecord(transfer, records.extractOf(record.get()).getLength(), extract,
                        records.attachments(record.get()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return InboundOutcome.processed("extract sent");
        }
        tasks.schedule(EXTRACT_SUPPLY_DUE, transfer.getConversationId(),
                clock.instant().plus(extractSupplyTimeout));
        LOG.log(Level.INFO, "Conversation {0}: no stored record, waiting for the partner system to supply it",
                transfer.getConversationId());
        return InboundOutcome.processed("waiting for the partner system to supply the extract");
    }

    /**
     * Code 19 when the patient is not registered at the requesting practice (or demographics do not
     * know them): asked again before a supplied extract goes, since the patient may have moved meanwhile.
     */
    public boolean refusedAsNotRegistered(Transfer transfer) {
        Optional<String> refusal = registration.refusal(transfer);
        refusal.ifPresent(detail -> refuse(transfer, ReasonCode.R19, detail));
        return refusal.isPresent();
    }

    /**
     * The record goes out: in one message when the whole of it fits, by large messaging otherwise (the
     * extract announces the files, or a skeleton stands in for a long extract; the continue request
     * brings the rest). Stored and partner-supplied records alike. The request's acknowledgement
     * follows the last message of the record.
     */
    public void sendRecord(Transfer transfer, long extractBytes, InputStream extract, List<StoredContent> files) {
        if (largeRecords.needsLargeMessaging(extractBytes, files)) {
            OutboundMessage message = largeRecords.extract(transfer, extract, files);
            // The request is acknowledged once its last part has gone (LargeRecordSender.sendParts), as GA does.
            extractGoesOut(transfer, message);
            largeRecords.announcedBy(transfer, message.messageId());
        } else {
            extractGoesOut(transfer, codec.extract(transfer.getConversationId(), transfer.getEhrRequestId(),
                    extract, inline(files), messaging.ours(transfer), messaging.theirs(transfer)));
            messaging.acknowledge(transfer, transfer.getRequestMessageId(), null);
        }
    }

    private void extractGoesOut(Transfer transfer, OutboundMessage extract) {
        messaging.send(transfer, extract, transfer.getRequestMessageId());
        // In this transaction: the line stands exactly when the record really leaves.
        audit.recordInCallersTransaction(new AuditEntry(ActorType.SYSTEM, "sender", "RECORD_SENT", "transfer",
                transfer.getConversationId(), transfer.getNhsNumber(), Outcome.SUCCESS,
                transfer.getSendingOds() + " to " + transfer.getRequestingOds()));
        transfer.recordExtract(extract.messageId(), clock.instant());
        transfers.move(transfer, TransferStatus.EXTRACT_SENT);
        tasks.cancel(EXTRACT_SUPPLY_DUE, transfer.getConversationId());
        // The window includes its last instant (an acknowledgement exactly 8 days later is on time):
        // give up only after it.
        tasks.schedule(FINAL_ACK_DUE, transfer.getConversationId(),
                clock.instant().plus(finalAckTimeout).plusSeconds(1));
        LOG.log(Level.INFO, "Conversation {0}: extract {1} sent", transfer.getConversationId(), extract.messageId());
    }

    /** A negative acknowledgement of the request, with the reason; the transfer ends refused. */
    public void refuse(Transfer transfer, ReasonCode reason, String detail) {
        messaging.acknowledge(transfer, transfer.getRequestMessageId(), reason);
        transfers.fail(transfer, TransferStatus.REFUSED, reason.code(), detail == null ? reason.meaning() : detail);
        tasks.cancel(EXTRACT_SUPPLY_DUE, transfer.getConversationId());
        LOG.log(Level.INFO, "Conversation {0}: request refused with code {1}", transfer.getConversationId(),
                reason.code());
    }

    public InboundOutcome finalAcknowledgement(Transfer transfer, ReceivedMessage ack) {
        transfers.received(transfer, ack);
        if (transfer.getStatus() != TransferStatus.EXTRACT_SENT) {
            // A final acknowledgement twice, or after the 8 days ran out: ignored.
            return InboundOutcome.processed("acknowledgement ignored: transfer is " + transfer.getStatus());
        }
        boolean integrated = ack.ackType().isPositive() || ReasonCode.R15.code().equals(normalised(ack.reasonCode()));
        if (integrated) {
            transfers.move(transfer, TransferStatus.COMPLETE);
        } else {
            ReasonCode reason = ReasonCode.of(ack.reasonCode()).orElse(ReasonCode.R99);
            transfers.fail(transfer, TransferStatus.NOT_INTEGRATED, reason.code(), ack.reasonText() != null
                    ? ack.reasonText() : reason.meaning());
        }
        tasks.cancel(FINAL_ACK_DUE, transfer.getConversationId());
        return InboundOutcome.processed("final acknowledgement " + ack.ackType());
    }

    /**
     * The requester's continue request (never acknowledged, protocol 2.2): the parts the extract
     * announced go out now; when every attachment went inline it is only noted on the timeline. One
     * that names another extract is refused before anything is recorded, so that it is refused again,
     * not taken for a duplicate, when it comes back.
     */
    public InboundOutcome continueReceived(Transfer transfer, ReceivedMessage continueRequest) {
        if (!continueRequest.refersTo().equalsIgnoreCase(String.valueOf(transfer.getExtractMessageId()))) {
            return InboundOutcome.refused("The continue request names another extract than the one sent");
        }
        transfers.received(transfer, continueRequest);
        if (!largeRecords.hasParts(transfer)) {
            return InboundOutcome.processed("continue noted: every part went with the extract");
        }
        if (transfer.getStatus() != TransferStatus.EXTRACT_SENT) {
            return InboundOutcome.processed("continue ignored: transfer is " + transfer.getStatus());
        }
        return largeRecords.sendParts(transfer);
    }

    /**
     * The requester's acknowledgement of a part we sent. Noted on the timeline; a negative one is
     * followed by the requester's final negative acknowledgement of the extract, which ends the transfer.
     */
    public InboundOutcome partAcknowledged(Transfer transfer, ReceivedMessage ack) {
        transfers.received(transfer, ack);
        return InboundOutcome.processed("acknowledgement of a part " + ack.ackType());
    }

    /**
     * A message of this conversation the sender side cannot use. A continue request: a negative
     * acknowledgement 18 of the request, and the transfer fails, as the GP2GP adaptor fails a process it
     * cannot continue. An acknowledgement is never acknowledged (protocol 2.4): only noted, and the
     * requester's next acknowledgement or the final-acknowledgement timer decides. After the transfer
     * ended anything is only noted.
     */
    public InboundOutcome unusableReceived(Transfer transfer, ReceivedMessage message) {
        transfers.received(transfer, message);
        if (transfer.getStatus().isTerminal()) {
            return InboundOutcome.processed("unusable message ignored: transfer is " + transfer.getStatus());
        }
        Optional<ReasonCode> answer = Faults.answer(message.interaction(), TransferRole.SENDER);
        if (answer.isEmpty()) {
            return InboundOutcome.processed("unusable " + message.interactionId() + " noted: "
                    + message.fault().describe());
        }
        ReasonCode reason = answer.get();
        String problem = message.interactionId() + " " + message.messageId() + " cannot be processed: "
                + message.fault().describe();
        messaging.acknowledge(transfer, transfer.getRequestMessageId(), reason);
        TransferStatus failed = transfer.getStatus() == TransferStatus.EXTRACT_SENT ? TransferStatus.NOT_INTEGRATED
                : TransferStatus.REFUSED;
        transfers.fail(transfer, failed, reason.code(), problem);
        tasks.cancel(EXTRACT_SUPPLY_DUE, transfer.getConversationId());
        tasks.cancel(FINAL_ACK_DUE, transfer.getConversationId());
        LOG.log(Level.INFO, "Conversation {0}: an unusable {1} answered with code {2}", transfer.getConversationId(),
                message.interactionId(), reason.code());
        return InboundOutcome.processed("unusable message refused: " + reason.code());
    }

    public void extractSupplyTimedOut(String conversationId) {
        transfers.lock(conversationId, TransferRole.SENDER)
                .filter(t -> t.getStatus() == TransferStatus.WAITING_FOR_EXTRACT)
                .ifPresent(t -> refuse(t, ReasonCode.R10,
                        "The practice's system did not supply the record within " + extractSupplyTimeout));
    }

    public void finalAckTimedOut(String conversationId) {
        transfers.lock(conversationId, TransferRole.SENDER)
                .filter(t -> t.getStatus() == TransferStatus.EXTRACT_SENT)
                .ifPresent(t -> transfers.fail(t, TransferStatus.NOT_INTEGRATED, ReasonCode.R99.code(),
                        "No final acknowledgement within " + finalAckTimeout.toDays()
                                + " days of sending the record: the paper process applies"));
    }

    /** The record's attachments as base64 parts of the extract's message. */
    private List<InlineAttachment> inline(List<StoredContent> files) {
        return files.stream()
                .map(c -> new InlineAttachment(c.getContentId(), c.getMediaType(), true, c.getDescription(),
                        Base64.getEncoder().encodeToString(records.read(c))))
                .toList();
    }

    private static String normalised(String code) {
        return ReasonCode.of(code).map(ReasonCode::code).orElse(null);
    }
}

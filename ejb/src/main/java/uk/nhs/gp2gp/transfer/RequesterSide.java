package uk.nhs.gp2gp.transfer;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The new practice's side: asks for the record, stores what arrives, and sends the final
 * acknowledgement once the practice's system reports the outcome. Runs in the caller's transaction.
 */
@Stateless
public class RequesterSide {

    static final String EXTRACT_DUE = "REQUESTER_EXTRACT_DUE";
    private static final System.Logger LOG = System.getLogger(RequesterSide.class.getName());

    @EJB
    private TransferStore transfers;

    @EJB
    private TransferMessaging messaging;

    @EJB
    private ContentStore contentStore;

    @EJB
    private ScheduledTasks tasks;

    @Inject
    private ConversationCodec codec;

    @Inject
    private Clock clock;

    @Inject
    private RecordSizeLimits limits;

    @EJB
    private LargeRecordParts largeRecords;

    /** A + persist duration of the extract in the protocol's formula; 4 h 10 min as SDS gives it in tests. */
    @Inject
    @ConfigProperty(name = "gp2gp.requester.extract-timeout", defaultValue = "PT4H10M")
    private Duration extractTimeout;

    /**
     * Starts a transfer: the EHR request goes into the outbox with the new transfer. One at a time for
     * a patient and practice (the database's rule): a second is refused with a conflict.
     */
    public Transfer request(NhsNumber patient, OdsCode requesting, OdsCode sending) {
        return start(patient, requesting, sending, null);
    }

    /** Asks again for the record a transfer that ended without it was for, in a new conversation. */
    public Transfer retry(Transfer ended) {
        return start(new NhsNumber(ended.getNhsNumber()), new OdsCode(ended.getRequestingOds()),
                new OdsCode(ended.getSendingOds()), ended.getConversationId());
    }

    private Transfer start(NhsNumber patient, OdsCode requesting, OdsCode sending, String retryOf) {
        Transfer transfer = new Transfer(MessageIds.newId(), TransferRole.REQUESTER, patient, requesting, sending,
                clock.instant());
        if (retryOf != null) {
            // Before it is added: whoever follows the new transfer sees what it retries.
            transfer.markRetryOf(retryOf);
        }
        transfers.start(transfer);
        if (transfers.practiceSentRecordBefore(requesting.value(), patient.value())) {
            transfer.markReturningPatient();
        }
        String ehrRequestId = MessageIds.newId();
        OutboundMessage request = codec.ehrRequest(transfer.getConversationId(), ehrRequestId, patient.value(),
                messaging.ours(transfer), messaging.theirs(transfer));
        transfer.recordRequest(ehrRequestId, request.messageId());
        messaging.send(transfer, request, null);
        tasks.schedule(EXTRACT_DUE, transfer.getConversationId(), clock.instant().plus(extractTimeout));
        LOG.log(Level.INFO, "Conversation {0}: EHR request queued", transfer.getConversationId());
        return transfer;
    }

    public InboundOutcome extractReceived(Transfer transfer, ReceivedMessage extract) {
        transfers.received(transfer, extract);
        if (transfer.getStatus().isTerminal()) {
            // Too late, or after a failure: answered with a negative acknowledgement, nothing changes.
            messaging.acknowledge(transfer, extract.messageId(), ReasonCode.R99);
            return InboundOutcome.processed("extract refused: transfer is " + transfer.getStatus());
        }
        if (transfer.getExtractMessageId() != null) {
            messaging.acknowledge(transfer, extract.messageId(), ReasonCode.R12);
            return InboundOutcome.processed("duplicate extract refused");
        }
        String problem = extract.isUsable() ? mismatch(transfer, extract)
                : "The extract cannot be processed: " + extract.fault().describe();
        if (problem != null) {
            ReasonCode reason = unusable(extract);
            messaging.acknowledge(transfer, extract.messageId(), reason);
            transfers.fail(transfer, TransferStatus.FAILED, reason.code(), problem);
            tasks.cancel(EXTRACT_DUE, transfer.getConversationId());
            return InboundOutcome.processed("extract refused: " + problem);
        }
        contentStore.write(StoredContent.ofTransfer(transfer.getId(), StoredContent.Kind.EXTRACT,
                extract.messageId(), "application/xml", clock.instant()), extract.payload());
        transfer.recordExtract(extract.messageId(), clock.instant());
        transfer.expectParts(1 + extract.attachments().size() + extract.externalParts().size());
        transfer.partReceived(extract.payload().length);
        RecordSizeBudget budget = limits.budget(extract.payload().length);
        String tooLarge = tooLarge(extract.attachments(), budget.copy());
        if (tooLarge != null) {
            return refuseTooLarge(transfer, extract, tooLarge);
        }
        for (InlineAttachment attachment : extract.attachments()) {
            try {
                transfer.partReceived(storeAttachment(transfer, attachment, budget).getLength());
            } catch (LargeRecordParts.ReassemblyException e) {
                // An inline skeleton original about another patient.
                return refuse(transfer, extract, e.reason(), e.getMessage());
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                RecordSizeBudget.TooLargeException over = RecordSizeBudget.refusal(e);
                if (over != null) {
                    return refuseTooLarge(transfer, extract, over.getMessage());
                }
                refuse(transfer, extract, unusable(extract), "Attachment " + attachment.contentId()
                        + " could not be decoded (base64 or gzip)");
                return InboundOutcome.processed("extract refused: an attachment could not be decoded");
            }
        }
        tasks.cancel(EXTRACT_DUE, transfer.getConversationId());
        if (extract.externalParts().isEmpty()) {
            transfers.move(transfer, TransferStatus.READY_TO_INTEGRATE);
        } else {
            largeRecords.extractNamedParts(transfer, extract);
        }
        LOG.log(Level.INFO, "Conversation {0}: extract {1} received", transfer.getConversationId(),
                extract.messageId());
        return InboundOutcome.processed("extract received");
    }

    /** The code of an extract whose content cannot be used, as {@link Faults} decides it (21). */
    private static ReasonCode unusable(ReceivedMessage extract) {
        return Faults.answer(extract.interaction(), TransferRole.REQUESTER).orElseThrow();
    }

    /** The extract refused with this code; nothing of it is kept to be offered. */
    private InboundOutcome refuse(Transfer transfer, ReceivedMessage extract, ReasonCode reason, String problem) {
        for (StoredContent.Kind kind : List.of(StoredContent.Kind.EXTRACT, StoredContent.Kind.ATTACHMENT)) {
            contentStore.ofTransfer(transfer.getId(), kind).forEach(c -> contentStore.delete(c.getId()));
        }
        messaging.acknowledge(transfer, extract.messageId(), reason);
        transfers.fail(transfer, TransferStatus.FAILED, reason.code(), problem);
        tasks.cancel(EXTRACT_DUE, transfer.getConversationId());
        return InboundOutcome.processed("extract refused with code " + reason.code());
    }

    /** The extract (the part that carried the files) refused with 30; nothing of it is kept to be offered. */
    private InboundOutcome refuseTooLarge(Transfer transfer, ReceivedMessage extract, String problem) {
        refuse(transfer, extract, ReasonCode.R30, problem);
        LOG.log(Level.INFO, "Conversation {0}: extract refused with code 30 (over a size limit)",
                transfer.getConversationId());
        return InboundOutcome.processed("extract refused: over a size limit");
    }

    /**
     * Why the compressed inline attachments would inflate past a limit, found by inflating them to
     * nowhere before any is stored; null when they fit (or cannot be decoded: storing says so).
     */
    private static String tooLarge(List<InlineAttachment> attachments, RecordSizeBudget trial) {
        for (InlineAttachment attachment : attachments) {
            if (AttachmentDescription.parse(attachment.description()).compressed()) {
                try {
                    trial.measure("Attachment " + attachment.contentId(), new GZIPInputStream(transported(attachment)));
                } catch (RecordSizeBudget.TooLargeException e) {
                    return e.getMessage();
                } catch (java.io.IOException | IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static InputStream transported(InlineAttachment attachment) {
        return attachment.base64()
                ? Base64.getMimeDecoder().wrap(new ByteArrayInputStream(attachment.payload().getBytes(US_ASCII)))
                : new ByteArrayInputStream(attachment.payload().getBytes(UTF_8));
    }

    /** Keeps an attachment as the original file: base64 decoded, gunzipped when it was compressed. */
    private StoredContent storeAttachment(Transfer transfer, InlineAttachment attachment, RecordSizeBudget budget) {
        AttachmentDescription description = AttachmentDescription.parse(attachment.description());
        InputStream bytes = transported(attachment);
        try {
            BufferedInputStream original = new BufferedInputStream(budget.limit("Attachment "
                    + attachment.contentId(), description.compressed() ? new GZIPInputStream(bytes) : bytes));
            if (LargeRecordParts.isSkeletonOriginal(attachment.description(), original)) {
                // A skeleton's real extract sent inline (cid:): it replaces the core, as one sent separately does.
                return largeRecords.replaceExtract(transfer, original);
            }
            String type = description.contentType() != null && !description.contentType().isBlank()
                    ? description.contentType() : attachment.contentType();
            return contentStore.write(StoredContent.ofTransfer(transfer.getId(), StoredContent.Kind.ATTACHMENT,
                    attachment.contentId(), type, clock.instant())
                    .describedAs(attachment.description(), description.compressed(), attachment.base64()), original);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Why the extract cannot be this transfer's record, or null when it can. */
    private static String mismatch(Transfer transfer, ReceivedMessage extract) {
        if (!transfer.getNhsNumber().equals(extract.nhsNumber())) {
            return "The extract is about another NHS number than the one requested";
        }
        if (extract.ehrRequestId() != null && transfer.getEhrRequestId() != null
                && !transfer.getEhrRequestId().equalsIgnoreCase(extract.ehrRequestId())) {
            return "The extract does not fulfil this transfer's EHR request";
        }
        return null;
    }

    public InboundOutcome requestAcknowledged(Transfer transfer, ReceivedMessage ack) {
        transfers.received(transfer, ack);
        if (!ack.isUsable()) {
            // Acknowledgements are never acknowledged: noted; the extract, or its timeout, decides.
            LOG.log(Level.INFO, "Conversation {0}: an acknowledgement that cannot be read: {1}",
                    transfer.getConversationId(), ack.fault().field());
            return InboundOutcome.processed("unusable acknowledgement noted: " + ack.fault().describe());
        }
        if (ack.ackType().isPositive() || transfer.getStatus() != TransferStatus.REQUESTED) {
            return InboundOutcome.processed("acknowledgement of the request noted");
        }
        ReasonCode reason = ReasonCode.of(ack.reasonCode()).orElse(ReasonCode.R99);
        transfers.fail(transfer, TransferStatus.FAILED, reason.code(),
                ack.reasonText() != null && !ack.reasonText().isBlank() ? ack.reasonText() : reason.meaning());
        tasks.cancel(EXTRACT_DUE, transfer.getConversationId());
        LOG.log(Level.INFO, "Conversation {0}: the sending practice refused the request with code {1}",
                transfer.getConversationId(), reason.code());
        return InboundOutcome.processed("request refused by the sender: " + reason.code());
    }

    /** The practice's system reports what it did with the record: the final acknowledgement goes out. */
    public void recordOutcome(Transfer transfer, IntegrationOutcome outcome, ReasonCode rejectionReason) {
        if (transfer.getStatus() != TransferStatus.READY_TO_INTEGRATE) {
            throw new IllegalTransitionException(transfer.getStatus(), outcome.status());
        }
        ReasonCode reason = switch (outcome) {
            case INTEGRATED -> null;
            case SUPPRESSED -> ReasonCode.R15;
            case REJECTED -> rejectionReason == null ? ReasonCode.R11 : rejectionReason;
        };
        messaging.acknowledge(transfer, transfer.getExtractMessageId(), reason);
        if (outcome == IntegrationOutcome.REJECTED) {
            transfers.fail(transfer, TransferStatus.REJECTED, reason.code(), reason.meaning());
        } else {
            transfers.move(transfer, outcome.status());
        }
        LOG.log(Level.INFO, "Conversation {0}: final acknowledgement queued ({1})", transfer.getConversationId(),
                outcome);
    }

    public void extractTimedOut(String conversationId) {
        transfers.lock(conversationId, TransferRole.REQUESTER)
                .filter(t -> t.getStatus() == TransferStatus.REQUESTED)
                .ifPresent(t -> transfers.fail(t, TransferStatus.TIMED_OUT, null,
                        "No record arrived within " + extractTimeout + " of the request: the paper process applies"));
    }

    /** The attachments that arrived with the record. */
    public List<StoredContent> attachments(Transfer transfer) {
        return contentStore.ofTransfer(transfer.getId(), StoredContent.Kind.ATTACHMENT);
    }

    /** One attachment, to stream (close it). */
    public Optional<StoredRecordPart> attachment(Transfer transfer, String contentId) {
        return attachments(transfer).stream().filter(c -> c.getContentId().equals(contentId)).findFirst()
                .map(c -> new StoredRecordPart(c, contentStore.open(c.getId())));
    }

    /** The stored EHR extract of a transfer, to stream (close it). */
    public Optional<StoredRecordPart> extract(Transfer transfer) {
        return contentStore.ofTransfer(transfer.getId(), StoredContent.Kind.EXTRACT).stream().findFirst()
                .map(c -> new StoredRecordPart(c, contentStore.open(c.getId())));
    }

    /** A stored part of a record, with its stream. */
    public record StoredRecordPart(StoredContent content, InputStream bytes) {
    }
}

package uk.nhs.gp2gp.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.message.Base64DecodingInputStream;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.MessageLimits;
import uk.nhs.gp2gp.message.MessageParser;
import uk.nhs.gp2gp.message.MessageProblem;
import uk.nhs.gp2gp.scheduler.ScheduledTasks;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * The requester's side of large messaging (protocol 2.2, 3.8 and 4.4): the parts of a record that
 * travel as COPC messages after the core extract. Every COPC is acknowledged and its inline parts
 * are stored as they came (FRAGMENT content, still base64 text); a COPC may arrive before the
 * manifest that names it. Once every part the extract names, and every part those name in turn, is
 * here, each attachment is put back together by streaming its fragments in manifest order through
 * base64 decoding and gunzip into the content store: never a whole attachment in memory. What
 * they decompress to is bounded ({@link RecordSizeLimits}): the compressed ones are first inflated
 * to nowhere, counted, so a record over a limit is refused (30) before anything of it is stored.
 */
@Stateless
public class LargeRecordParts {

    public static final String PARTS_DUE = "PARTS_DUE";
    private static final System.Logger LOG = System.getLogger(LargeRecordParts.class.getName());

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @EJB
    private ContentStore contentStore;

    @EJB
    private TransferStore transfers;

    @EJB
    private TransferMessaging messaging;

    @EJB
    private ScheduledTasks tasks;

    @Inject
    private Clock clock;

    @Inject
    private RecordSizeLimits limits;

    /** The protocol's formula (6.2): A × persist duration of the extract + B × COPCs × that of a COPC. */
    @Inject
    @ConfigProperty(name = "gp2gp.requester.extract-timeout", defaultValue = "PT4H10M")
    private Duration extractTimeout;

    @Inject
    @ConfigProperty(name = "gp2gp.requester.copc-timeout", defaultValue = "PT7H")
    private Duration copcTimeout;

    /**
     * The core extract arrived naming parts sent separately: expect them, ask the sender for them
     * (the continue request) and wait, unless they all came already.
     */
    public void extractNamedParts(Transfer transfer, ReceivedMessage extract) {
        name(transfer, extract.messageId(), extract.externalParts());
        transfers.move(transfer, TransferStatus.WAITING_FOR_PARTS);
        messaging.askForParts(transfer, extract.messageId());
        recount(transfer, 0);
        if (allHere(transfer)) {
            assemble(transfer, null);
        } else {
            scheduleTimeout(transfer);
        }
    }

    /** A COPC for a transfer we requested: an attachment, a fragment index or a fragment. */
    public InboundOutcome received(Transfer transfer, ReceivedMessage copc) {
        transfers.received(transfer, copc);
        if (transfer.getStatus() != TransferStatus.REQUESTED && transfer.getStatus() != TransferStatus.WAITING_FOR_PARTS) {
            messaging.acknowledge(transfer, copc.messageId(), lateReason(transfer));
            return InboundOutcome.processed("part refused: transfer is " + transfer.getStatus());
        }
        if (!copc.isUsable()) {
            return unusablePart(transfer, copc, "Part " + copc.messageId() + " cannot be processed: "
                    + copc.fault().describe());
        }
        if (copc.attachments().isEmpty() && copc.externalParts().isEmpty()) {
            return unusablePart(transfer, copc, "Part " + copc.messageId() + " carries no attachment and names no parts");
        }
        long bytes = 0;
        for (int i = 0; i < copc.attachments().size(); i++) {
            InlineAttachment part = copc.attachments().get(i);
            byte[] transported = part.payload().getBytes(UTF_8);
            contentStore.write(StoredContent.ofTransfer(transfer.getId(), StoredContent.Kind.FRAGMENT,
                    copc.messageId() + "#" + i, part.contentType(), clock.instant())
                    .describedAs(part.description(), false, part.base64()).partOf(copc.messageId(), i), transported);
            bytes += transported.length;
        }
        part(transfer, copc.messageId()).arrived(copc.attachments().size(), copc.externalParts().size(),
                clock.instant());
        name(transfer, copc.messageId(), copc.externalParts());
        recount(transfer, bytes);
        if (transfer.getStatus() == TransferStatus.WAITING_FOR_PARTS && allHere(transfer)) {
            return assemble(transfer, copc.messageId());
        }
        messaging.acknowledge(transfer, copc.messageId(), null);
        if (transfer.getStatus() == TransferStatus.WAITING_FOR_PARTS) {
            scheduleTimeout(transfer);
        }
        return InboundOutcome.processed("part received");
    }

    /**
     * A part after the transfer ended, or that nobody waits for, is answered and changes nothing
     * (protocol 6.2): 25 after our parts timeout, 99 when the sender had refused the request, else 30.
     */
    private static ReasonCode lateReason(Transfer transfer) {
        String code = transfer.getFailureCode();
        if (ReasonCode.R31.code().equals(code)) {
            return ReasonCode.R25;
        }
        boolean senderRefused = transfer.getStatus() == TransferStatus.FAILED && transfer.getExtractMessageId() == null
                && code != null && !code.equals(ReasonCode.R21.code());
        return senderRefused ? ReasonCode.R99 : ReasonCode.R30;
    }

    /** Not every part arrived in time: negative acknowledgement 31 on the extract; paper route. */
    public void timedOut(String conversationId) {
        transfers.lock(conversationId, TransferRole.REQUESTER)
                .filter(t -> t.getStatus() == TransferStatus.WAITING_FOR_PARTS)
                .ifPresent(t -> fail(t, ReasonCode.R31, ReasonCode.R31, (t.getExpectedParts() - t.getReceivedParts())
                        + " of the record's " + t.getExpectedParts() + " parts did not arrive in time"));
    }

    /**
     * A part we cannot use: refused with the code {@link Faults} gives it (30) and, once the extract is
     * here, the transfer fails with it.
     */
    private InboundOutcome unusablePart(Transfer transfer, ReceivedMessage copc, String problem) {
        ReasonCode reason = Faults.answer(copc.interaction(), TransferRole.REQUESTER).orElseThrow();
        messaging.acknowledge(transfer, copc.messageId(), reason);
        if (transfer.getStatus() == TransferStatus.WAITING_FOR_PARTS) {
            fail(transfer, reason, reason, problem);
        }
        return InboundOutcome.processed("part refused: " + problem);
    }

    private void fail(Transfer transfer, ReasonCode cause, ReasonCode finalReason, String problem) {
        messaging.acknowledge(transfer, transfer.getExtractMessageId(), finalReason);
        transfers.fail(transfer, TransferStatus.FAILED, cause.code(), problem);
        tasks.cancel(PARTS_DUE, transfer.getConversationId());
        LOG.log(Level.INFO, "Conversation {0}: large record failed with code {1}", transfer.getConversationId(),
                cause.code());
    }

    /** The parts a manifest names, in its order: known already (they came first) or now expected. */
    private void name(Transfer transfer, String parent, List<ExternalPart> named) {
        for (int i = 0; i < named.size(); i++) {
            TransferPart part = part(transfer, named.get(i).messageId());
            if (!part.isNamed()) {
                part.namedBy(parent, i, named.get(i).description());
            }
        }
    }

    private TransferPart part(Transfer transfer, String messageId) {
        return parts(transfer).stream().filter(p -> p.getMessageId().equalsIgnoreCase(messageId)).findFirst()
                .orElseGet(() -> {
                    TransferPart part = new TransferPart(transfer.getId(), messageId);
                    em.persist(part);
                    return part;
                });
    }

    private List<TransferPart> parts(Transfer transfer) {
        return em.createNamedQuery(TransferPart.OF_TRANSFER, TransferPart.class)
                .setParameter("transferId", transfer.getId()).getResultList();
    }

    /** Every part named, and every part named is here (a stray part nobody names keeps it waiting). */
    private boolean allHere(Transfer transfer) {
        return parts(transfer).stream().allMatch(p -> p.isNamed() && p.isReceived());
    }

    /** Progress for the API and console: the core and its inline parts, then every COPC known. */
    private void recount(Transfer transfer, long moreBytes) {
        List<TransferPart> parts = parts(transfer);
        int core = transfer.getExtractMessageId() == null ? 0
                : 1 + contentStore.ofTransfer(transfer.getId(), StoredContent.Kind.ATTACHMENT).size();
        int here = (int) parts.stream().filter(TransferPart::isReceived).count();
        transfer.countParts(core + parts.size(), core + here, moreBytes);
    }

    private void scheduleTimeout(Transfer transfer) {
        tasks.schedule(PARTS_DUE, transfer.getConversationId(), transfer.getExtractReceivedAt().plus(extractTimeout)
                .plus(copcTimeout.multipliedBy(Math.max(1, transfer.getExpectedParts()))));
    }

    /**
     * Puts every attachment back together (protocol 4.4) and makes the record ready to integrate;
     * {@code lastPart} is the COPC that completed it (acknowledged here, AE 29 if reassembly fails).
     */
    private InboundOutcome assemble(Transfer transfer, String lastPart) {
        List<TransferPart> parts = parts(transfer);
        Map<String, List<TransferPart>> children = parts.stream().filter(TransferPart::isNamed)
                .collect(Collectors.groupingBy(TransferPart::getParentMessageId));
        Map<String, List<StoredContent>> fragments = contentStore.ofTransfer(transfer.getId(),
                StoredContent.Kind.FRAGMENT).stream().collect(Collectors.groupingBy(StoredContent::getParentContentId));
        List<TransferPart> attachments = ordered(children.getOrDefault(transfer.getExtractMessageId(), List.of()));
        Map<TransferPart, List<StoredContent>> piecesOf = new java.util.LinkedHashMap<>();
        for (TransferPart attachment : attachments) {
            List<StoredContent> pieces = new ArrayList<>();
            collect(attachment, children, fragments, pieces);
            piecesOf.put(attachment, pieces);
        }
        try {
            RecordSizeBudget budget = limits.budget(storedBytes(transfer));
            RecordSizeBudget trial = budget.copy();
            for (Map.Entry<TransferPart, List<StoredContent>> attachment : piecesOf.entrySet()) {
                if (AttachmentDescription.parse(attachment.getKey().getDescription()).compressed()) {
                    measure(attachment.getKey(), attachment.getValue(), trial);
                }
            }
            for (Map.Entry<TransferPart, List<StoredContent>> attachment : piecesOf.entrySet()) {
                store(transfer, attachment.getKey(), attachment.getValue(), budget);
            }
        } catch (ReassemblyException e) {
            // Nothing half-assembled stays: the fragments are kept for support to look at.
            for (StoredContent.Kind kind : List.of(StoredContent.Kind.ATTACHMENT, StoredContent.Kind.EXTRACT)) {
                contentStore.ofTransfer(transfer.getId(), kind).stream()
                        .filter(c -> !c.isComplete()
                                || attachments.stream().anyMatch(a -> a.getMessageId().equals(c.getContentId())))
                        .forEach(c -> contentStore.delete(c.getId()));
            }
            if (lastPart != null) {
                messaging.acknowledge(transfer, lastPart, e.reason);
            }
            // Parts that cannot be joined end with 31 on the extract (protocol 4.4); a refusal with its own code.
            fail(transfer, e.reason, e.reason == ReasonCode.R29 ? ReasonCode.R31 : e.reason, e.getMessage());
            return InboundOutcome.processed(e.reason == ReasonCode.R29 ? "record could not be put back together"
                    : "record refused with code " + e.reason.code());
        }
        fragments.values().forEach(list -> list.forEach(f -> contentStore.delete(f.getId())));
        if (lastPart != null) {
            messaging.acknowledge(transfer, lastPart, null);
        }
        tasks.cancel(PARTS_DUE, transfer.getConversationId());
        transfers.move(transfer, TransferStatus.READY_TO_INTEGRATE);
        LOG.log(Level.INFO, "Conversation {0}: all {1} parts of the record are here", transfer.getConversationId(),
                transfer.getExpectedParts());
        return InboundOutcome.processed("record complete");
    }

    /** A part's pieces in order: what it carried inline, then what its own manifest names (indexes nest). */
    private static void collect(TransferPart part, Map<String, List<TransferPart>> children,
            Map<String, List<StoredContent>> fragments, List<StoredContent> pieces) {
        pieces.addAll(fragments.getOrDefault(part.getMessageId(), List.of()).stream()
                .sorted(Comparator.comparing(StoredContent::getPartOrder)).toList());
        for (TransferPart child : ordered(children.getOrDefault(part.getMessageId(), List.of()))) {
            collect(child, children, fragments, pieces);
        }
    }

    private static List<TransferPart> ordered(List<TransferPart> parts) {
        return parts.stream().sorted(Comparator.comparing(TransferPart::getPartOrder)).toList();
    }

    /** The record's bytes kept before its attachments are put back together (the extract, inline files). */
    private long storedBytes(Transfer transfer) {
        long bytes = 0;
        for (StoredContent.Kind kind : List.of(StoredContent.Kind.EXTRACT, StoredContent.Kind.ATTACHMENT)) {
            bytes += contentStore.ofTransfer(transfer.getId(), kind).stream().mapToLong(StoredContent::getLength).sum();
        }
        return bytes;
    }

    /** A compressed attachment inflated to nowhere through the budget: refused before any of it is stored. */
    private void measure(TransferPart attachment, List<StoredContent> pieces, RecordSizeBudget trial) {
        boolean base64 = base64(attachment, pieces);
        try (InputStream transported = decoded(pieces, base64)) {
            trial.measure("Attachment " + attachment.getMessageId(), new GZIPInputStream(transported));
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            throw decodingFailure(attachment, e, true);
        }
    }

    private InputStream decoded(List<StoredContent> pieces, boolean base64) {
        InputStream joined = new SequenceInputStream(Collections.enumeration(lazily(pieces,
                piece -> contentStore.open(piece.getId()))));
        return base64 ? new Base64DecodingInputStream(joined) : joined;
    }

    private static boolean base64(TransferPart attachment, List<StoredContent> pieces) {
        if (pieces.isEmpty()) {
            throw new ReassemblyException("Attachment " + attachment.getMessageId() + " has no content");
        }
        boolean base64 = pieces.get(0).isBase64();
        if (pieces.stream().anyMatch(p -> p.isBase64() != base64)) {
            throw new ReassemblyException("The fragments of attachment " + attachment.getMessageId()
                    + " disagree on base64");
        }
        return base64;
    }

    /** Over a limit: refused with 30 saying which; otherwise the part could not be decoded (29). */
    private static ReassemblyException decodingFailure(TransferPart attachment, Exception e, boolean compressed) {
        RecordSizeBudget.TooLargeException tooLarge = RecordSizeBudget.refusal(e);
        if (tooLarge != null) {
            return new ReassemblyException(ReasonCode.R30, tooLarge.getMessage());
        }
        return new ReassemblyException("Attachment " + attachment.getMessageId() + " could not be decoded ("
                + (compressed ? "base64 or gzip" : "base64") + ")");
    }

    /** One attachment: its pieces' text joined, base64-decoded when they came so, gunzipped when compressed. */
    private void store(Transfer transfer, TransferPart attachment, List<StoredContent> pieces, RecordSizeBudget budget) {
        boolean base64 = base64(attachment, pieces);
        AttachmentDescription description = AttachmentDescription.parse(attachment.getDescription());
        try (InputStream transported = decoded(pieces, base64);
                BufferedInputStream original = new BufferedInputStream(budget.limit("Attachment "
                        + attachment.getMessageId(),
                        description.compressed() ? new GZIPInputStream(transported) : transported))) {
            if (isSkeletonOriginal(attachment.getDescription(), original)) {
                replaceExtract(transfer, original);
                return;
            }
            String type = description.contentType() != null && !description.contentType().isBlank()
                    ? description.contentType() : "application/octet-stream";
            contentStore.write(StoredContent.ofTransfer(transfer.getId(), StoredContent.Kind.ATTACHMENT,
                    attachment.getMessageId(), type, clock.instant())
                    .describedAs(attachment.getDescription(), description.compressed(), base64), original);
        } catch (IOException | IllegalArgumentException | UncheckedIOException e) {
            throw decodingFailure(attachment, e, description.compressed());
        }
    }

    /**
     * The skeleton's real extract, sent compressed as an attachment (protocol 2.3), inline ({@code cid:})
     * or separately ({@code mid:}), replaces the core; one about another patient than the transfer's
     * is refused (28) and not kept.
     */
    StoredContent replaceExtract(Transfer transfer, InputStream extract) {
        Optional<StoredContent> skeleton = contentStore.ofTransfer(transfer.getId(), StoredContent.Kind.EXTRACT)
                .stream().findFirst();
        StoredContent real = contentStore.write(StoredContent.ofTransfer(transfer.getId(), StoredContent.Kind.EXTRACT,
                transfer.getExtractMessageId(), "application/xml", clock.instant()), extract);
        String problem = patientMismatch(transfer, real);
        if (problem != null) {
            contentStore.delete(real.getId());
            throw new ReassemblyException(ReasonCode.R28, problem);
        }
        skeleton.ifPresent(s -> contentStore.delete(s.getId()));
        return real;
    }

    /** Whether an attachment is a skeleton's real extract: described so, and holding a whole extract message. */
    static boolean isSkeletonOriginal(String description, BufferedInputStream original) throws IOException {
        return isSkeleton(description) && startsWithExtract(original);
    }

    /** Why the stored real extract is not this transfer's patient's record, or null when it is. */
    private String patientMismatch(Transfer transfer, StoredContent real) {
        String nhsNumber;
        try (InputStream in = contentStore.open(real.getId())) {
            // Streamed: only the facts the transfer needs are kept, whatever the extract's size.
            nhsNumber = new MessageParser(MessageLimits.defaults().withMaxPayloadBytes(Math.max(1, real.getLength())))
                    .parseXml(in).nhsNumber();
        } catch (MessageProblem | IOException | UncheckedIOException e) {
            return "The skeleton's real extract cannot be read, so it cannot be checked to be about the patient"
                    + " requested";
        }
        return transfer.getNhsNumber().equals(nhsNumber) ? null
                : "The skeleton's real extract is about another NHS number than the one requested";
    }

    /** "X-GP2GP-Skeleton: Yes" in the description, compared without whitespace, in any case. */
    static boolean isSkeleton(String description) {
        return description != null && description.replaceAll("\\s", "").toLowerCase(Locale.ROOT)
                .contains("x-gp2gp-skeleton:yes");
    }

    /** Whether the stream holds a whole RCMR_IN030000UK06 or UK07 message (checked without consuming it). */
    private static boolean startsWithExtract(BufferedInputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        String text = new String(head, UTF_8);
        int start = text.indexOf('<', text.startsWith("<?xml") ? text.indexOf("?>") + 2 : 0);
        return start >= 0 && (text.startsWith(Interaction.EHR_EXTRACT.id(), start + 1)
                || text.startsWith(Interaction.EHR_EXTRACT_UK07.id(), start + 1));
    }

    /** Opens each piece only when the one before it is read to the end (one database stream at a time). */
    private static <T> List<InputStream> lazily(List<T> pieces, Function<T, InputStream> open) {
        List<InputStream> streams = new ArrayList<>(pieces.size());
        for (T piece : pieces) {
            streams.add(new LazyStream<>(piece, open));
        }
        return streams;
    }

    private static final class LazyStream<T> extends InputStream {
        private final T piece;
        private final Function<T, InputStream> open;
        private InputStream in;

        LazyStream(T piece, Function<T, InputStream> open) {
            this.piece = piece;
            this.open = open;
        }

        private InputStream in() {
            if (in == null) {
                in = open.apply(piece);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    /** The parts of an attachment cannot be put back together (protocol code 29), or are refused with another code. */
    /** A part that cannot be used, and the code it is refused with. */
    static final class ReassemblyException extends RuntimeException {
        private final ReasonCode reason;

        ReassemblyException(String message) {
            this(ReasonCode.R29, message);
        }

        ReassemblyException(ReasonCode reason, String message) {
            super(message);
            this.reason = reason;
        }

        ReasonCode reason() {
            return reason;
        }
    }
}

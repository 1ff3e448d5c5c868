package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.AbsentAttachment;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The sender's side of large messaging (protocol 2.2 and 4.2): a record too big for one message goes
 * as an extract that announces its attachments ({@code mid:} references); after the requester's
 * continue request each attachment follows in a COPC of its own or, when its base64 text is longer
 * than a fragment, as a fragment index and its fragments. A file is read and encoded one fragment
 * at a time, never whole.
 */
@Stateless
public class LargeRecordSender {

    private static final System.Logger LOG = System.getLogger(LargeRecordSender.class.getName());

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @EJB
    private ContentStore contentStore;

    @EJB
    private TransferMessaging messaging;

    @Inject
    private ConversationCodec codec;

    @Inject
    private Clock clock;

    /** The longest base64 text one COPC carries; longer files are split (the adaptors' 4,500,000). */
    @Inject
    @ConfigProperty(name = "gp2gp.sender.fragment-size", defaultValue = "4500000")
    private int fragmentSize;

    /** An extract whose HL7 is longer goes as a skeleton (the adaptors' largeEhrExtractThreshold). */
    @Inject
    @ConfigProperty(name = "gp2gp.sender.skeleton-threshold", defaultValue = "4500000")
    private int skeletonThreshold;

    /**
     * Whether an extract of {@code extractBytes} with these files is too big for one message (protocol
     * 4.1): its HL7 longer than the skeleton threshold, or the whole message, envelope included, over
     * Spine's limit ({@link InlineLimits}).
     */
    public boolean needsLargeMessaging(long extractBytes, List<StoredContent> files) {
        return extractBytes > skeletonThreshold
                || !InlineLimits.fit(extractBytes, files.stream().map(StoredContent::getLength).toList());
    }

    /** Length of a file's base64 text. */
    static long base64Length(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    /** The attachments as the extract announces them: one promised COPC each, recorded on the transfer. */
    private List<ExternalPart> announce(Transfer transfer, List<StoredContent> files) {
        List<ExternalPart> announced = new ArrayList<>();
        for (StoredContent file : files) {
            // An empty file is announced as what will be sent in its place (ConversationCodec.filePart).
            boolean absent = file.getLength() == 0;
            long transported = absent ? ConversationCodec.absentAttachment(fileName(file), messaging.ours(transfer),
                    transfer.getConversationId()).length() : base64Length(file.getLength());
            String description = AttachmentDescription.format(fileName(file),
                    absent ? AbsentAttachment.CONTENT_TYPE : file.getMediaType(), false, transported > fragmentSize(),
                    true, transported, false);
            TransferPart part = new TransferPart(transfer.getId(), MessageIds.newId()).carrying(file.getId());
            part.namedBy(null, announced.size(), description);
            em.persist(part);
            announced.add(new ExternalPart(part.getMessageId(), description));
        }
        return announced;
    }

    /**
     * A record sent by large messaging: every file announced, and when the extract's HL7 is too long
     * for one message, a skeleton in its place with the original kept (gzipped) as one more part.
     */
    public OutboundMessage extract(Transfer transfer, InputStream storedRecord, List<StoredContent> files) {
        List<ExternalPart> announced = announce(transfer, files);
        ConversationCodec.LargeExtract extract = codec.largeExtract(transfer.getConversationId(),
                transfer.getEhrRequestId(), storedRecord, transfer.getNhsNumber(), announced, messaging.ours(transfer),
                messaging.theirs(transfer), skeletonThreshold, fragmentSize());
        if (extract.isSkeleton()) {
            // Kept with the transfer's messages: it is the original extract, waiting to be sent.
            StoredContent original = contentStore.write(StoredContent.ofTransfer(transfer.getId(),
                    StoredContent.Kind.MESSAGE, "skeleton-original-" + extract.originalPart().messageId(), "text/xml",
                    clock.instant()).describedAs(extract.originalPart().description(), true, false),
                    extract.gzippedOriginal());
            TransferPart part = new TransferPart(transfer.getId(), extract.originalPart().messageId())
                    .carrying(original.getId());
            part.namedBy(null, announced.size(), extract.originalPart().description());
            em.persist(part);
            LOG.log(Level.INFO, "Conversation {0}: the extract goes as a skeleton", transfer.getConversationId());
        }
        return extract.message();
    }

    /** The extract that announced the parts is on its way: it is their parent. */
    public void announcedBy(Transfer transfer, String extractMessageId) {
        parts(transfer).forEach(p -> p.namedBy(extractMessageId, p.getPartOrder(), p.getDescription()));
    }

    public boolean hasParts(Transfer transfer) {
        return !parts(transfer).isEmpty();
    }

    /** Whether parts of the record are still to go out (they are read from storage on the continue request). */
    public boolean hasPartsToSend(Transfer transfer) {
        return parts(transfer).stream().anyMatch(p -> !p.isReceived());
    }

    /** The continue request: every announced part goes out now, in order. A second continue changes nothing. */
    public InboundOutcome sendParts(Transfer transfer) {
        List<TransferPart> parts = parts(transfer);
        if (parts.stream().anyMatch(TransferPart::isReceived)) {
            return InboundOutcome.processed("continue received again: ignored");
        }
        for (TransferPart part : parts) {
            StoredContent file = em.find(StoredContent.class, part.getContentRef());
            long transported = base64Length(file.getLength());
            if (transported <= fragmentSize()) {
                messaging.send(transfer, codec.filePart(transfer.getConversationId(), messaging.ours(transfer),
                        messaging.theirs(transfer), part.getMessageId(), fileName(file), file.getMediaType(),
                        Base64.getEncoder().encodeToString(contentStore.readAll(file.getId()))), null);
            } else {
                sendInFragments(transfer, part, file, transported);
            }
            part.sent(clock.instant());
        }
        // Every document has gone: now the request is acknowledged (GA's DetectDocumentsSentService).
        messaging.acknowledge(transfer, transfer.getRequestMessageId(), null);
        LOG.log(Level.INFO, "Conversation {0}: {1} parts sent after the continue request",
                transfer.getConversationId(), parts.size());
        return InboundOutcome.processed("continue: " + parts.size() + " parts sent");
    }

    /** A fragment index naming the pieces, then each piece: a plain substring of the file's base64 text. */
    private void sendInFragments(Transfer transfer, TransferPart part, StoredContent file, long transported) {
        int size = fragmentSize();
        List<Long> lengths = new ArrayList<>();
        for (long sent = 0; sent < transported; sent += size) {
            lengths.add(Math.min(size, transported - sent));
        }
        ConversationCodec.FragmentIndex index = codec.fragmentIndex(transfer.getConversationId(),
                messaging.ours(transfer), messaging.theirs(transfer), part.getMessageId(), fileName(file), lengths);
        messaging.send(transfer, index.message(), null);
        // size is a multiple of 4, so each block of size / 4 * 3 bytes encodes to exactly one piece.
        byte[] block = new byte[size / 4 * 3];
        try (InputStream in = contentStore.open(file.getId())) {
            for (int i = 0; i < lengths.size(); i++) {
                int read = in.readNBytes(block, 0, block.length);
                String piece = Base64.getEncoder().encodeToString(read == block.length ? block
                        : Arrays.copyOf(block, read));
                messaging.send(transfer, codec.fragment(transfer.getConversationId(), messaging.ours(transfer),
                        messaging.theirs(transfer), index.fragmentIds().get(i),
                        part.getMessageId() + "_" + i + ".messageattachment", piece), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read a stored file to send", e);
        }
    }

    private int fragmentSize() {
        return Math.max(4, fragmentSize - fragmentSize % 4);
    }

    private List<TransferPart> parts(Transfer transfer) {
        return em.createNamedQuery(TransferPart.OF_TRANSFER, TransferPart.class)
                .setParameter("transferId", transfer.getId()).getResultList().stream()
                .sorted(Comparator.comparing(TransferPart::getPartOrder)).toList();
    }

    private static String fileName(StoredContent file) {
        String name = AttachmentDescription.parse(file.getDescription()).filename();
        return name == null || name.isBlank() ? file.getContentId() : name;
    }
}

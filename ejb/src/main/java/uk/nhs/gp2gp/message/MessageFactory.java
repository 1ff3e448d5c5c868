package uk.nhs.gp2gp.message;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.nhs.gp2gp.identifier.MessageIds;

/**
 * Builds each GP2GP message as the NHS adaptors do: new upper-case UUIDs, the clock's time in HL7
 * and ebXML form, and the right links (an extract names its request, an acknowledgement the
 * message it answers, an index its fragments). Write the result with {@link Hl7Writer},
 * {@link EbxmlWriter}, {@link MultipartEbxmlWriter} or {@link MhsJsonWriter}.
 */
public final class MessageFactory {

    private static final String CONTENT_ID_DOMAIN = "@spine.nhs.uk";

    private final Clock clock;

    public MessageFactory(Clock clock) {
        this.clock = clock;
    }

    /** The requester asks the sender for the record of {@code nhsNumber}; the EhrRequest gets a new id. */
    public Gp2gpMessage ehrRequest(String conversationId, String nhsNumber, PracticeSystem requester,
            PracticeSystem sender) {
        return ehrRequest(conversationId, MessageIds.newId(), nhsNumber, requester, sender);
    }

    /** The request with the EhrRequest id {@code requestId}, which the extract will name. */
    public Gp2gpMessage ehrRequest(String conversationId, String requestId, String nhsNumber,
            PracticeSystem requester, PracticeSystem sender) {
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        EhrRequest request = new EhrRequest(header(Interaction.EHR_REQUEST, messageId, now, sender, requester),
                requestId, nhsNumber, requester.odsCode(), sender.odsCode());
        return message(envelope(requester, sender, conversationId, Interaction.EHR_REQUEST, messageId, now, null,
                List.of()), request, List.of(), List.of());
    }

    /** The extract that answers {@code request}; see {@link #ehrExtract(Interaction, String, EhrRequest, PracticeSystem, PracticeSystem, List, boolean)}. */
    public Gp2gpMessage ehrExtract(String conversationId, EhrRequest request, PracticeSystem sender,
            PracticeSystem requester, List<OutgoingFile> files) {
        return ehrExtract(Interaction.EHR_EXTRACT, conversationId, request, sender, requester, files, false);
    }

    /**
     * An extract (UK06, or UK07 with {@code redacted} parts) that answers {@code request}. One UUID is
     * the ebXML MessageId, the HL7 id and the EhrExtract id, so that every receiver's way of matching
     * the final acknowledgement works (protocol 3.5). Inline files become {@code cid:} parts, external
     * ones {@code mid:} references; each gets a document id the record refers to.
     */
    public Gp2gpMessage ehrExtract(Interaction kind, String conversationId, EhrRequest request, PracticeSystem sender,
            PracticeSystem requester, List<OutgoingFile> files, boolean redacted) {
        if (!kind.isExtract()) {
            throw new IllegalArgumentException(kind + " is not an extract");
        }
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        List<DocumentReference> documents = new ArrayList<>();
        List<ManifestReference> references = new ArrayList<>();
        List<Attachment> inline = new ArrayList<>();
        List<ExternalAttachment> external = new ArrayList<>();
        for (OutgoingFile file : files) {
            // The record names the document by a UUID (the schema allows nothing else); the manifest
            // prefixes it with "_" as the NHS sender adaptor does. Senders prefix file names with it too.
            String uuid = MessageIds.newId();
            String documentId = "_" + uuid;
            String fileName = uuid + "_" + file.fileName();
            AttachmentDescription description = AttachmentDescription.parse(AttachmentDescription.format(fileName,
                    file.contentType(), file.compressed(), file.largeAttachment(), true, file.length(),
                    file.skeleton()));
            documents.add(new DocumentReference(uuid, file.contentType(), "file://localhost/" + fileName,
                    file.skeleton()));
            if (file.external()) {
                String partMessageId = MessageIds.newId();
                references.add(new ManifestReference("mid:" + partMessageId, documentId, description.text(), false));
                external.add(new ExternalAttachment(partMessageId, documentId, description));
            } else {
                String contentId = MessageIds.newId().toLowerCase(Locale.ROOT) + CONTENT_ID_DOMAIN;
                references.add(new ManifestReference("cid:" + contentId, documentId, description.text(), false));
                inline.add(new Attachment(contentId, file.contentType(), true, file.length(), description,
                        documentId));
            }
        }
        EhrExtract extract = new EhrExtract(header(kind, messageId, now, requester, sender), messageId,
                request.nhsNumber(), sender.odsCode(), requester.odsCode(), request.requestId(), documents,
                redacted && kind == Interaction.EHR_EXTRACT_UK07, null);
        return message(envelope(sender, requester, conversationId, kind, messageId, now, null, references), extract,
                inline, external);
    }

    /**
     * The extract of a record a practice stored (an RCMR_IN030000UK06 or UK07 message, sent on as the
     * same interaction, or a bare EhrExtract, sent as UK06):
     * its EhrExtract copied with the clinical content untouched, given this message's id (one id for
     * the message and the extract), the link to the request and the requesting practice as
     * destination. {@code inline} travel as {@code cid:} parts, {@code external} are announced
     * ({@code mid:}) to follow in COPCs of their own. Throws {@link MessageProblem} for a record that
     * cannot be read.
     */
    public Gp2gpMessage ehrExtractOfRecord(String conversationId, String requestId, InputStream storedRecord,
            PracticeSystem sender, PracticeSystem requester, List<Attachment> inline,
            List<ExternalAttachment> external) {
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        ExtractRewriter.Rewritten record = ExtractRewriter.rewrite(storedRecord, messageId, requestId,
                requester.odsCode());
        // A record that came as UK07 (redaction-capable) goes on as UK07, as the national repository re-sends it.
        EhrExtract extract = new EhrExtract(header(record.kind(), messageId, now, requester, sender),
                messageId, record.nhsNumber(), record.authorOds(), requester.odsCode(), requestId, List.of(), false,
                record.xml());
        return message(envelope(sender, requester, conversationId, record.kind(), messageId, now, null,
                references(inline, external)), extract, inline, external);
    }

    /**
     * The skeleton sent in place of {@code extract} when it is too big for one message (protocol
     * 2.3): the same message id and request, about {@code nhsNumber}, one "Skeleton statement" referring to the
     * original extract, which follows gzipped ({@code originalLength} characters of base64) as the
     * last of the external attachments, after those {@code extract} announced.
     */
    public Gp2gpMessage skeletonExtract(Gp2gpMessage extract, String nhsNumber, PracticeSystem sender,
            PracticeSystem requester, long originalLength, boolean originalLarge) {
        EhrExtract whole = (EhrExtract) extract.payload();
        Instant now = clock.instant();
        String partId = MessageIds.newId();
        String fileName = "_" + partId + "_" + Interaction.EHR_EXTRACT.id() + ".xml.gz";
        ExternalAttachment original = new ExternalAttachment(partId, "_" + partId, AttachmentDescription.parse(
                AttachmentDescription.format(fileName, "text/xml", true, originalLarge, false, originalLength, true)));
        List<ExternalAttachment> external = new ArrayList<>(extract.externalAttachments());
        external.add(original);
        EhrExtract skeleton = new EhrExtract(header(Interaction.EHR_EXTRACT, extract.messageId(), now, requester,
                sender), extract.messageId(), nhsNumber, sender.odsCode(), requester.odsCode(),
                whole.requestId(), List.of(new DocumentReference(partId, "text/xml", "file://localhost/" + fileName,
                        true)), false, null);
        return message(envelope(sender, requester, extract.conversationId(), Interaction.EHR_EXTRACT,
                extract.messageId(), now, null, references(List.of(), external)), skeleton, List.of(), external);
    }

    /**
     * An application acknowledgement of {@code refersTo}. A negative one carries its reason in both
     * places real systems read it (protocol 3.5).
     */
    public Gp2gpMessage acknowledgement(String conversationId, PracticeSystem from, PracticeSystem to,
            String refersTo, Acknowledgement.Type type, String reasonCode, String reasonText) {
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        AckReason reason = type.isPositive() || reasonCode == null ? null : new AckReason(reasonCode, reasonText);
        Hl7Header header = header(Interaction.ACKNOWLEDGEMENT, messageId, now, to, from);
        if (!type.isPositive()) {
            // The adaptors write negative acknowledgements with the older version code.
            header = new Hl7Header(header.interactionId(), messageId, header.creationTime(), "V3NPfIT3.1.10",
                    header.receiverAsid(), header.senderAsid());
        }
        Acknowledgement ack = new Acknowledgement(header, type, refersTo, reason, reason);
        return message(envelope(from, to, conversationId, Interaction.ACKNOWLEDGEMENT, messageId, now, null,
                List.of()), ack, List.of(), List.of());
    }

    /** The requester asks the sender to send the external attachments of extract {@code extractMessageId}. */
    public Gp2gpMessage continueRequest(String conversationId, PracticeSystem requester, PracticeSystem sender,
            String extractMessageId) {
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        CopcMessage copc = new CopcMessage(header(Interaction.COPC, messageId, now, sender, requester),
                CopcMessage.Kind.CONTINUE_REQUEST, messageId, requester.odsCode(), List.of(sender.odsCode()),
                CopcMessage.CONTINUE_SUBJECT, null, extractMessageId, "0");
        return message(envelope(requester, sender, conversationId, Interaction.COPC, messageId, now, null,
                List.of()), copc, List.of(), List.of());
    }

    /**
     * A fragment index, sent as message {@code messageId} (the id the extract promised): it lists one
     * new message id per fragment, in order, each fragment {@code fragmentLengths[i]} characters long.
     */
    public Gp2gpMessage fragmentIndex(String conversationId, PracticeSystem sender, PracticeSystem requester,
            String messageId, String fileName, List<Long> fragmentLengths) {
        Instant now = clock.instant();
        List<ManifestReference> references = new ArrayList<>();
        List<ExternalAttachment> fragments = new ArrayList<>();
        for (int i = 0; i < fragmentLengths.size(); i++) {
            String fragmentId = MessageIds.newId();
            // The sender adaptor names chunks <index message id>_<n>.messageattachment (protocol 3.8).
            AttachmentDescription description = AttachmentDescription.parse(AttachmentDescription.format(
                    messageId + "_" + i + ".messageattachment", "application/octet-stream", false, false, true,
                    fragmentLengths.get(i), false));
            references.add(new ManifestReference("mid:" + fragmentId, null, description.text(), false));
            fragments.add(new ExternalAttachment(fragmentId, null, description));
        }
        CopcMessage copc = attachmentCopc(messageId, now, sender, requester, fileName);
        return message(envelope(sender, requester, conversationId, Interaction.COPC, messageId, now, null,
                references), copc, List.of(), fragments);
    }

    /** A COPC carrying one attachment or fragment inline, sent as message {@code messageId}. */
    public Gp2gpMessage fragment(String conversationId, PracticeSystem sender, PracticeSystem requester,
            String messageId, OutgoingFile file) {
        return fragment(conversationId, sender, requester, messageId, file, null);
    }

    /** The same COPC, its attachment naming the document {@code documentId}. */
    public Gp2gpMessage fragment(String conversationId, PracticeSystem sender, PracticeSystem requester,
            String messageId, OutgoingFile file, String documentId) {
        Instant now = clock.instant();
        String contentId = MessageIds.newId().toLowerCase(Locale.ROOT) + CONTENT_ID_DOMAIN;
        AttachmentDescription description = AttachmentDescription.parse(AttachmentDescription.format(file.fileName(),
                file.contentType(), file.compressed(), false, true, file.length(), file.skeleton()));
        ManifestReference reference = new ManifestReference("cid:" + contentId, null, description.text(), false);
        Attachment attachment = new Attachment(contentId, file.contentType(), true, file.length(), description,
                documentId);
        return message(envelope(sender, requester, conversationId, Interaction.COPC, messageId, now, null,
                List.of(reference)), attachmentCopc(messageId, now, sender, requester, file.fileName()),
                List.of(attachment), List.of());
    }

    private CopcMessage attachmentCopc(String messageId, Instant now, PracticeSystem sender, PracticeSystem requester,
            String fileName) {
        return new CopcMessage(header(Interaction.COPC, messageId, now, requester, sender),
                CopcMessage.Kind.ATTACHMENT, messageId, sender.odsCode(), List.of(requester.odsCode()),
                "Attachment: " + fileName, fileName, null, null);
    }

    /** The manifest's references to attachments: inline ones by content id, external ones by message id. */
    private static List<ManifestReference> references(List<Attachment> inline, List<ExternalAttachment> external) {
        List<ManifestReference> references = new ArrayList<>();
        for (Attachment a : inline) {
            references.add(new ManifestReference("cid:" + a.contentId(), a.documentId(), a.description().text(),
                    false));
        }
        for (ExternalAttachment e : external) {
            references.add(new ManifestReference("mid:" + e.messageId(), e.documentId(), e.description().text(),
                    false));
        }
        return references;
    }

    private static Hl7Header header(Interaction interaction, String messageId, Instant now, PracticeSystem receiver,
            PracticeSystem sender) {
        return new Hl7Header(interaction.id(), messageId, Hl7Format.hl7Time(now), interaction.versionCode(),
                receiver.asid(), sender.asid());
    }

    /** The envelope: the HL7 payload first in the manifest, then the attachments' references. */
    private static EbxmlEnvelope envelope(PracticeSystem from, PracticeSystem to, String conversationId,
            Interaction interaction, String messageId, Instant now, String refToMessageId,
            List<ManifestReference> attachments) {
        List<ManifestReference> references = new ArrayList<>();
        references.add(new ManifestReference("cid:" + messageId + CONTENT_ID_DOMAIN, null, "HL7 payload", true));
        references.addAll(attachments);
        return new EbxmlEnvelope(from.partyKey(), to.partyKey(), cpaId(from, to, interaction), conversationId,
                EbxmlEnvelope.GP2GP_SERVICE, interaction.id(), messageId, Hl7Format.ebxmlTime(now), refToMessageId,
                true, true, references);
    }

    /** SDS would give the contract id; without SDS a stable id per route stands in for it. */
    private static String cpaId(PracticeSystem from, PracticeSystem to, Interaction interaction) {
        return "S" + Integer.toHexString((from.partyKey() + to.partyKey() + interaction.id()).hashCode())
                .toUpperCase(Locale.ROOT);
    }

    private static Gp2gpMessage message(EbxmlEnvelope envelope, Hl7Message payload, List<Attachment> inline,
            List<ExternalAttachment> external) {
        return new Gp2gpMessage(envelope, payload, inline, external, List.of());
    }
}

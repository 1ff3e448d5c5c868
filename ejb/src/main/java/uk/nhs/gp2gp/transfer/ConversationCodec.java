package uk.nhs.gp2gp.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.AbsentAttachment;
import uk.nhs.gp2gp.message.AckReason;
import uk.nhs.gp2gp.message.AdaptorContentTypes;
import uk.nhs.gp2gp.message.Acknowledgement;
import uk.nhs.gp2gp.message.Attachment;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.message.CopcMessage;
import uk.nhs.gp2gp.message.EbxmlEnvelope;
import uk.nhs.gp2gp.message.EhrExtract;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.ExternalAttachment;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Hl7Writer;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.MessageFactory;
import uk.nhs.gp2gp.message.MessageLimits;
import uk.nhs.gp2gp.message.MessageParser;
import uk.nhs.gp2gp.message.MessageProblem;
import uk.nhs.gp2gp.message.MhsJsonWriter;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.message.UnreadableMessageException;
import uk.nhs.gp2gp.message.Violation;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The GP2GP messages of a conversation in the workflow's terms: built by {@link MessageFactory},
 * read by {@link MessageParser} and its validator (the inspector's own), as the MHS adaptor's JSON
 * envelope. The wire formats are known only to the message package; this maps its records to the
 * workflow's ({@link Party}, {@link ReceivedMessage}, {@link OutboundMessage}).
 */
@ApplicationScoped
public class ConversationCodec {

    /** The largest message read whole; GP2GP messages are at most 5 MB plus some envelope. */
    static final int MAX_ENVELOPE_BYTES = 16 * 1024 * 1024;
    private static final MessageLimits LIMITS = MessageLimits.defaults().withMaxJsonBytes(MAX_ENVELOPE_BYTES);
    /** The fields of the validator's errors that the workflow answers itself (see {@link #read}). */
    private static final Set<String> ANSWERED_IN_CONVERSATION = Set.of("nhsNumber", "attachments");

    @Inject
    private Clock clock;

    public ConversationCodec() {
    }

    /** For tests and tools outside the server. */
    public ConversationCodec(Clock clock) {
        this.clock = clock;
    }

    /** An EHR request from the requesting practice; its message id is new, its EhrRequest id given. */
    public OutboundMessage ehrRequest(String conversationId, String ehrRequestId, String nhsNumber, Party requester,
            Party sender) {
        return outbound(factory().ehrRequest(conversationId, ehrRequestId, nhsNumber, system(requester),
                system(sender)), requester, sender, a -> "");
    }

    /**
     * The EHR extract built from a record a practice stored (an RCMR_IN030000UK06 message or a bare
     * EhrExtract), with new ids (one id for the message and the extract), the link to the request
     * and the requesting practice as destination; the attachments travel inline ({@code cid:} parts).
     */
    public OutboundMessage extract(String conversationId, String ehrRequestId, InputStream storedRecord,
            List<InlineAttachment> attachments, Party sender, Party requester) {
        Map<Attachment, String> contents = new IdentityHashMap<>();
        List<Attachment> inline = new ArrayList<>();
        for (InlineAttachment a : attachments) {
            AttachmentDescription described = AttachmentDescription.parse(a.description());
            String fileName = described.filename() == null ? a.contentId() : described.filename();
            boolean absent = a.payload().isEmpty();
            String payload = absent ? absentAttachment(fileName, sender, conversationId) : a.payload();
            String type = absent ? AbsentAttachment.CONTENT_TYPE : a.contentType();
            if (absent || described.contentType() == null) {
                // The description keeps the file's real type: the adaptor's content_type may not (AdaptorContentTypes).
                described = AttachmentDescription.parse(AttachmentDescription.format(fileName, type, false, false,
                        a.base64(), (long) payload.length(), false));
            }
            Attachment attachment = new Attachment(a.contentId(), type, a.base64() || absent, payload.length(),
                    described, "_" + MessageIds.newId());
            inline.add(attachment);
            contents.put(attachment, payload);
        }
        Gp2gpMessage extract = factory().ehrExtractOfRecord(conversationId, ehrRequestId, storedRecord,
                system(sender), system(requester), inline, List.of());
        return outbound(extract, sender, requester, contents::get);
    }

    /**
     * The extract of a record sent by large messaging: its files announced ({@code mid:}). When its HL7
     * is longer than {@code skeletonThreshold} characters, a skeleton goes instead (protocol 2.3) and
     * the whole HL7, gzipped, is returned to be sent as one more announced part after the continue.
     */
    public LargeExtract largeExtract(String conversationId, String ehrRequestId, InputStream storedRecord,
            String nhsNumber, List<ExternalPart> files, Party sender, Party requester, int skeletonThreshold, int fragmentSize) {
        List<ExternalAttachment> announced = files.stream()
                .map(f -> new ExternalAttachment(f.messageId(), documentIdOfPart(f.messageId()),
                        AttachmentDescription.parse(f.description())))
                .toList();
        Gp2gpMessage whole = factory().ehrExtractOfRecord(conversationId, ehrRequestId, storedRecord, system(sender),
                system(requester), List.of(), announced);
        String hl7 = Hl7Writer.toXml(whole.payload());
        if (hl7.length() <= skeletonThreshold) {
            return new LargeExtract(outbound(whole, sender, requester, a -> ""), null, null);
        }
        byte[] gzipped = gzip(hl7);
        long transported = 4 * ((gzipped.length + 2L) / 3);
        Gp2gpMessage skeleton = factory().skeletonExtract(whole, nhsNumber, system(sender), system(requester), transported,
                transported > fragmentSize);
        ExternalAttachment original = skeleton.externalAttachments().getLast();
        return new LargeExtract(outbound(skeleton, sender, requester, a -> ""), gzipped,
                new ExternalPart(original.messageId(), original.description().text()));
    }

    /** The extract message, and for a skeleton the original HL7 (gzipped) with the part that will carry it. */
    public record LargeExtract(OutboundMessage message, byte[] gzippedOriginal, ExternalPart originalPart) {

        public boolean isSkeleton() {
            return gzippedOriginal != null;
        }
    }

    /**
     * A COPC carrying one whole file inline (base64 text), sent as the message id the extract promised;
     * an empty file goes as its absent-attachment text (the adaptor refuses an empty payload).
     */
    public OutboundMessage filePart(String conversationId, Party sender, Party requester, String messageId,
            String fileName, String contentType, String base64) {
        boolean absent = base64.isEmpty();
        String payload = absent ? absentAttachment(fileName, sender, conversationId) : base64;
        Gp2gpMessage copc = factory().fragment(conversationId, system(sender), system(requester), messageId,
                OutgoingFile.external(fileName, absent ? AbsentAttachment.CONTENT_TYPE : contentType,
                        payload.length(), false), documentIdOfPart(messageId));
        return outbound(copc, sender, requester, a -> payload);
    }

    /** The base64 text sent in place of a file that cannot travel (an empty one), in the NHS sender adaptor's words. */
    public static String absentAttachment(String fileName, Party sender, String conversationId) {
        return Base64.getEncoder().encodeToString(AbsentAttachment.text(fileName, sender.odsCode(), conversationId)
                .getBytes(UTF_8));
    }

    /** The document id of a file sent in a part of its own: the same in the extract's manifest and in its COPC. */
    private static String documentIdOfPart(String partMessageId) {
        return "_" + partMessageId;
    }

    /**
     * A fragment index (protocol 2.2), sent as the message id the extract promised: it names one new
     * message id per fragment, in order, each fragment {@code fragmentLengths[i]} characters long.
     */
    public FragmentIndex fragmentIndex(String conversationId, Party sender, Party requester, String messageId,
            String fileName, List<Long> fragmentLengths) {
        Gp2gpMessage index = factory().fragmentIndex(conversationId, system(sender), system(requester), messageId,
                fileName, fragmentLengths);
        return new FragmentIndex(outbound(index, sender, requester, a -> ""),
                index.externalAttachments().stream().map(ExternalAttachment::messageId).toList());
    }

    /** A COPC carrying one fragment (a piece of a file's base64 text), sent as the id its index named. */
    public OutboundMessage fragment(String conversationId, Party sender, Party requester, String messageId,
            String fragmentName, String base64Piece) {
        Gp2gpMessage copc = factory().fragment(conversationId, system(sender), system(requester), messageId,
                OutgoingFile.external(fragmentName, AdaptorContentTypes.OCTET_STREAM, base64Piece.length(), false),
                documentIdOfPart(messageId));
        return outbound(copc, sender, requester, a -> base64Piece);
    }

    /** A fragment index to send, and the message ids it gave its fragments, in order. */
    public record FragmentIndex(OutboundMessage message, List<String> fragmentIds) {
    }

    /** A positive or negative application acknowledgement of {@code refersTo}. */
    public OutboundMessage acknowledgement(String conversationId, Party from, Party to, String refersTo, AckType type,
            ReasonCode reason) {
        Gp2gpMessage ack = factory().acknowledgement(conversationId, system(from), system(to), refersTo,
                Acknowledgement.Type.valueOf(type.name()), reason == null ? null : reason.code(),
                reason == null ? null : reason.displayName());
        return outbound(ack, from, to, a -> "");
    }

    /**
     * The requester's continue request (a COPC, protocol 2.2): send the parts of extract
     * {@code extractMessageId} that its manifest names as sent separately.
     */
    public OutboundMessage continueRequest(String conversationId, Party requester, Party sender,
            String extractMessageId) {
        return outbound(factory().continueRequest(conversationId, system(requester), system(sender),
                extractMessageId), requester, sender, a -> "");
    }

    /**
     * Reads an inbound MHS JSON envelope as the inspector does. A message whose content cannot be used
     * comes back with its {@link ReceivedMessage#fault() fault} (the inspector's first error, with its
     * code) when its envelope names a GP2GP interaction other than a request and its conversation and
     * message ids can be read: it is answered in its conversation. Otherwise the first error is thrown as
     * {@link UnreadableMessageException}, except those the workflow answers itself with the same code: a
     * request's or an extract's NHS number (18, 21) and a part the manifest names that is not in the
     * message (a COPC without its attachment: 30).
     */
    public ReceivedMessage read(byte[] envelope) {
        List<String> contents = new ArrayList<>();
        List<String> contentTypes = new ArrayList<>();
        String[] payload = new String[1];
        Gp2gpMessage message;
        try {
            message = new MessageParser(LIMITS).parseJson(new ByteArrayInputStream(envelope), part -> {
                contentTypes.add(part.contentType());
                contents.add(new String(part.content().readAllBytes(), UTF_8));
            }, text -> payload[0] = text);
        } catch (MessageProblem e) {
            UnreadableMessageException unreadable = UnreadableMessageException.of(e);
            EbxmlEnvelope header = new MessageParser(LIMITS).envelopeOfJson(new ByteArrayInputStream(envelope));
            return unusable(header, null, e.violations().isEmpty() ? null : e.violations().get(0))
                    .orElseThrow(() -> unreadable);
        }
        Optional<Violation> fault = message.errors().stream()
                .filter(v -> !ANSWERED_IN_CONVERSATION.contains(v.field())).findFirst();
        if (fault.isPresent()) {
            return unusable(message.envelope(), message, fault.get())
                    .orElseThrow(() -> UnreadableMessageException.of(fault.get()));
        }
        EbxmlEnvelope header = message.envelope();
        String conversationId = id("conversationId", header.conversationId());
        String messageId = id("messageId", header.messageId());
        Party sender = sender(header, message);
        Party receiver = receiver(header, message);
        String fromOds = message.fromOds();
        String toOds = message.toOds();
        List<ExternalPart> external = message.externalAttachments().stream()
                .map(e -> new ExternalPart(upper(e.messageId()), e.description().text())).toList();
        List<InlineAttachment> attachments = new ArrayList<>();
        for (int i = 0; i < message.attachments().size(); i++) {
            Attachment a = message.attachments().get(i);
            String type = contentTypes.get(i);
            attachments.add(new InlineAttachment(a.contentId(), type == null || type.isBlank()
                    ? "application/octet-stream" : type.strip(), a.base64(), a.description().text(), contents.get(i)));
        }
        byte[] hl7 = payload[0].getBytes(UTF_8);
        String interactionId = message.interactionId();
        return switch (message.payload()) {
            case EhrRequest r -> new ReceivedMessage(interactionId, conversationId, messageId, fromOds, toOds,
                    r.nhsNumber(), null, null, null, null, upper(r.requestId()), List.of(), List.of(), hl7, sender,
                    receiver, null);
            case EhrExtract x -> new ReceivedMessage(interactionId, conversationId, messageId, fromOds, toOds,
                    x.nhsNumber(), null, null, null, null, upper(x.requestId()), external, attachments, hl7, sender,
                    receiver, null);
            case Acknowledgement a -> new ReceivedMessage(interactionId, conversationId, messageId, fromOds, toOds,
                    null, upper(a.refersTo()), AckType.valueOf(a.type().name()),
                    reason(a, AckReason::code), reason(a, AckReason::text), null, List.of(), List.of(), hl7,
                    sender, receiver, null);
            // A continue request names the extract it continues; an attachment COPC names nothing.
            case CopcMessage c -> new ReceivedMessage(interactionId, conversationId, messageId, fromOds, toOds,
                    null, c.kind() == CopcMessage.Kind.CONTINUE_REQUEST ? upper(c.acknowledgedMessageId()) : null,
                    null, null, null, null, external, attachments, hl7, sender, receiver, null);
        };
    }

    /**
     * A message whose content cannot be used, to be answered in its conversation: only when its envelope
     * names a GP2GP interaction that continues a conversation and its ids can be read. A request stays
     * refused at the door: nothing of it can be trusted to say whom to answer.
     */
    private static Optional<ReceivedMessage> unusable(EbxmlEnvelope header, Gp2gpMessage message, Violation fault) {
        if (header == null || fault == null) {
            return Optional.empty();
        }
        Optional<Interaction> interaction = Interaction.of(header.action()).filter(i -> i != Interaction.EHR_REQUEST);
        if (interaction.isEmpty() || !readable(header.conversationId()) || !readable(header.messageId())) {
            return Optional.empty();
        }
        return Optional.of(new ReceivedMessage(interaction.get().id(), id("conversationId", header.conversationId()),
                id("messageId", header.messageId()), null, null, null, null, null, null, null, null, List.of(),
                List.of(), new byte[0], sender(header, message), receiver(header, message), fault));
    }

    /** Who sent it: the whole ebXML party key, the HL7 sending ASID, and the practice the HL7 names as sender. */
    private static Party sender(EbxmlEnvelope header, Gp2gpMessage message) {
        return message == null ? new Party(null, null, header.fromPartyId())
                : new Party(speaker(message), message.fromAsid(), header.fromPartyId());
    }

    private static Party receiver(EbxmlEnvelope header, Gp2gpMessage message) {
        return message == null ? new Party(null, null, header.toPartyId())
                : new Party(message.toOds(), message.toAsid(), header.toPartyId());
    }

    /** The HL7 names its sender in a request (the author) and a fragment (From); an extract's author wrote the record. */
    private static String speaker(Gp2gpMessage message) {
        return message.payload() instanceof EhrExtract ? null : message.fromOds();
    }

    /**
     * Checks a record a practice wants to store (an RCMR_IN030000UK06 message or a bare EhrExtract)
     * and returns the NHS number it is about; throws {@link UnreadableMessageException} otherwise.
     */
    public String nhsNumberOfRecord(InputStream record) {
        return new MessageParser().nhsNumberOfRecord(record);
    }

    private MessageFactory factory() {
        return new MessageFactory(clock);
    }

    /** The message as the MHS JSON envelope; {@code contents} gives each inline attachment's text. */
    private static OutboundMessage outbound(Gp2gpMessage message, Party from, Party to,
            Function<Attachment, String> contents) {
        return new OutboundMessage(message.conversationId(), message.messageId(), message.interactionId(),
                from.odsCode(), to.odsCode(), MhsJsonWriter.toJson(message, contents).getBytes(UTF_8));
    }

    private static PracticeSystem system(Party party) {
        return new PracticeSystem(party.odsCode(), party.asid(), party.partyKey());
    }

    /** The reason as receivers read it: the detected issue first, the acknowledgement detail otherwise. */
    private static String reason(Acknowledgement ack, Function<AckReason, String> part) {
        String issue = ack.issueReason() == null ? null : part.apply(ack.issueReason());
        String detail = ack.detailReason() == null ? null : part.apply(ack.detailReason());
        return orElse(issue, orElse(detail, null));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String id(String field, String value) {
        try {
            return MessageIds.normalise(field, value);
        } catch (InvalidIdentifierException e) {
            throw new UnreadableMessageException(field, e.getMessage(), null);
        }
    }

    private static boolean readable(String id) {
        try {
            MessageIds.normalise("id", id);
            return true;
        } catch (InvalidIdentifierException e) {
            return false;
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String upper(String id) {
        return id == null ? null : id.strip().toUpperCase(Locale.ROOT);
    }
}

package uk.nhs.gp2gp.transfer.codec;

import jakarta.json.spi.JsonProvider;
import static uk.nhs.gp2gp.transfer.codec.Hl7.xml;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.MessageFactory;
import uk.nhs.gp2gp.message.MhsJsonWriter;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.transfer.AckType;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transfer.ExternalPart;
import uk.nhs.gp2gp.transfer.InlineAttachment;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.ReceivedMessage;
import uk.nhs.gp2gp.transfer.UnreadableMessageException;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The GP2GP messages of a conversation, written with the structure of the NHS adaptors' messages
 * and read by streaming (StAX) with local-name paths, as section 3 of the protocol reference gives
 * them. Messages travel as the MHS adaptor's inbound JSON envelope.
 */
@ApplicationScoped
public class StaxConversationCodec implements ConversationCodec {

    /** Looked up once: {@code Json.createX} searches the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final String EXTRACT = "*/ControlActEvent/subject/EhrExtract";
    private static final String REQUEST = "*/ControlActEvent/subject/EhrRequest";
    private static final String COPC = "*/ControlActEvent/subject/PayloadInformation";
    private static final String ORGANISATION = "/AgentOrgSDS/agentOrganizationSDS/id@extension";
    private static final String HEADER = "Envelope/Header/MessageHeader";
    /** The largest message we read whole; GP2GP messages are at most 5 MB plus some envelope. */
    static final int MAX_ENVELOPE_BYTES = 16 * 1024 * 1024;

    @Inject
    private Clock clock;

    public StaxConversationCodec() {
    }

    /** For tests and tools outside the server. */
    public StaxConversationCodec(Clock clock) {
        this.clock = clock;
    }

    @Override
    public OutboundMessage ehrRequest(String conversationId, String ehrRequestId, String nhsNumber, Party requester,
            Party sender) {
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        String payload = Hl7.wrapperStart(ReceivedMessage.EHR_REQUEST, messageId, now, "V3NPfIT3.1.10",
                sender.asid(), requester.asid())
                + Hl7.controlActStart(requester.asid())
                + """
                    <subject typeCode="SUBJ" contextConductionInd="false">
                      <EhrRequest classCode="EXTRACT" moodCode="RQO">
                        <id root="%s"/>
                        <recordTarget typeCode="RCT">
                          <patient classCode="PAT">
                            <id root="%s" extension="%s"/>
                          </patient>
                        </recordTarget>
                """.formatted(xml(ehrRequestId), Hl7.OID_NHS_NUMBER, xml(nhsNumber))
                + Hl7.organisation("author", "AUT", requester.odsCode())
                + Hl7.organisation("destination", "DST", sender.odsCode())
                + """
                      </EhrRequest>
                    </subject>
                  </ControlActEvent>
                </RCMR_IN010000UK05>
                """;
        return message(requester, sender, conversationId, ReceivedMessage.EHR_REQUEST, messageId, payload, now,
                List.of(), List.of());
    }

    @Override
    public OutboundMessage extract(String conversationId, String ehrRequestId, InputStream storedRecord,
            List<InlineAttachment> attachments, Party sender, Party requester) {
        // One id for the ebXML message, the HL7 message and the EhrExtract (protocol 3.5).
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        String payload = extractPayload(messageId, now, ExtractRewriter.rewrite(storedRecord, messageId, ehrRequestId,
                requester.odsCode()), sender, requester);
        return message(sender, requester, conversationId, ReceivedMessage.EHR_EXTRACT, messageId, payload, now,
                attachments, List.of());
    }

    @Override
    public LargeExtract largeExtract(String conversationId, String ehrRequestId, InputStream storedRecord,
            String nhsNumber, List<ExternalPart> files, Party sender, Party requester, int skeletonThreshold,
            int fragmentSize) {
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        String payload = extractPayload(messageId, now, ExtractRewriter.rewrite(storedRecord, messageId, ehrRequestId,
                requester.odsCode()), sender, requester);
        if (payload.length() <= skeletonThreshold) {
            return new LargeExtract(message(sender, requester, conversationId, ReceivedMessage.EHR_EXTRACT, messageId,
                    payload, now, List.of(), files), null, null);
        }
        byte[] gzipped = gzip(payload);
        String partId = MessageIds.newId();
        long transported = 4 * ((gzipped.length + 2L) / 3);
        ExternalPart original = new ExternalPart(partId, uk.nhs.gp2gp.message.AttachmentDescription.format(
                "_" + partId + "_RCMR_IN030000UK06.xml.gz", "text/xml", true, transported > fragmentSize, false,
                transported, true));
        String skeleton = extractPayload(messageId, now, ExtractRewriter.rewrite(new ByteArrayInputStream(
                SkeletonExtract.of(nhsNumber, sender.odsCode(), partId).getBytes(StandardCharsets.UTF_8)), messageId,
                ehrRequestId, requester.odsCode()), sender, requester);
        List<ExternalPart> announced = new ArrayList<>(files);
        announced.add(original);
        return new LargeExtract(message(sender, requester, conversationId, ReceivedMessage.EHR_EXTRACT, messageId,
                skeleton, now, List.of(), announced), gzipped, original);
    }

    /** The RCMR_IN030000UK06 message around an EhrExtract. */
    private static String extractPayload(String messageId, Instant now, String ehrExtract, Party sender,
            Party requester) {
        return Hl7.wrapperStart(ReceivedMessage.EHR_EXTRACT, messageId, now, "V3NPfIT3.1.10", requester.asid(),
                sender.asid())
                + Hl7.controlActStart(sender.asid())
                + "    <subject typeCode=\"SUBJ\" contextConductionInd=\"false\">\n"
                + ehrExtract
                + "\n    </subject>\n  </ControlActEvent>\n</RCMR_IN030000UK06>\n";
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() / 4 + 64);
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public OutboundMessage acknowledgement(String conversationId, Party from, Party to, String refersTo, AckType type,
            ReasonCode reason) {
        String messageId = MessageIds.newId();
        Instant now = clock.instant();
        boolean negative = reason != null && !type.isPositive();
        // Negative acknowledgements carry the reason in both places real systems read it (protocol 3.5).
        String detail = negative ? """
                    <acknowledgementDetail typeCode="ER">
                      <code code="%s" codeSystem="%s" displayName="%s"/>
                    </acknowledgementDetail>
                """.formatted(reason.code(), Hl7.OID_REASON, xml(reason.shortName())) : "";
        String reasonEvent = negative ? """
                    <reason typeCode="RSON">
                      <justifyingDetectedIssueEvent classCode="ALRT" moodCode="EVN">
                        <code code="%s" codeSystem="%s" displayName="%s">
                          <qualifier inverted="false">
                            <value code="ER" codeSystem="%s"/>
                          </qualifier>
                        </code>
                      </justifyingDetectedIssueEvent>
                    </reason>
                """.formatted(reason.code(), Hl7.OID_REASON, xml(reason.shortName()), Hl7.OID_REASON_QUALIFIER) : "";
        String payload = """
                <MCCI_IN010000UK13 xmlns="urn:hl7-org:v3">
                  <id root="%1$s"/>
                  <creationTime value="%2$s"/>
                  <versionCode code="%3$s"/>
                  <interactionId root="%4$s" extension="MCCI_IN010000UK13"/>
                  <processingCode code="P"/>
                  <processingModeCode code="T"/>
                  <acceptAckCode code="NE"/>
                  <acknowledgement typeCode="%5$s">
                %6$s    <messageRef>
                      <id root="%7$s"/>
                    </messageRef>
                  </acknowledgement>
                %8$s%9$s%10$s  </ControlActEvent>
                </MCCI_IN010000UK13>
                """.formatted(messageId, Hl7.hl7Time(now), negative ? "V3NPfIT3.1.10" : "V3NPfIT4.2.00",
                Hl7.OID_INTERACTION, type.name(), detail, xml(refersTo), Hl7.wrapperParties(to.asid(), from.asid()),
                Hl7.controlActStart(from.asid()), reasonEvent);
        return message(from, to, conversationId, ReceivedMessage.ACKNOWLEDGEMENT, messageId, payload, now,
                List.of(), List.of());
    }

    @Override
    public OutboundMessage continueRequest(String conversationId, Party requester, Party sender,
            String extractMessageId) {
        Gp2gpMessage copc = new MessageFactory(clock).continueRequest(conversationId, system(requester),
                system(sender), extractMessageId);
        return outbound(copc, requester, sender, "");
    }

    @Override
    public OutboundMessage filePart(String conversationId, Party sender, Party requester, String messageId,
            String fileName, String contentType, String base64) {
        Gp2gpMessage copc = new MessageFactory(clock).fragment(conversationId, system(sender), system(requester),
                messageId, OutgoingFile.external(fileName, contentType, base64.length(), false));
        return outbound(copc, sender, requester, base64);
    }

    @Override
    public FragmentIndex fragmentIndex(String conversationId, Party sender, Party requester, String messageId,
            String fileName, List<Long> fragmentLengths) {
        Gp2gpMessage index = new MessageFactory(clock).fragmentIndex(conversationId, system(sender),
                system(requester), messageId, fileName, fragmentLengths);
        return new FragmentIndex(outbound(index, sender, requester, ""),
                index.externalAttachments().stream().map(e -> e.messageId()).toList());
    }

    @Override
    public OutboundMessage fragment(String conversationId, Party sender, Party requester, String messageId,
            String fragmentName, String base64Piece) {
        Gp2gpMessage copc = new MessageFactory(clock).fragment(conversationId, system(sender), system(requester),
                messageId, OutgoingFile.external(fragmentName, "application/octet-stream", base64Piece.length(), false));
        return outbound(copc, sender, requester, base64Piece);
    }

    /** A COPC built by the message component, as the MHS JSON envelope; its one inline part is {@code content}. */
    private static OutboundMessage outbound(Gp2gpMessage copc, Party from, Party to, String content) {
        return new OutboundMessage(copc.conversationId(), copc.messageId(), ReceivedMessage.COMMON, from.odsCode(),
                to.odsCode(), MhsJsonWriter.toJson(copc, a -> content).getBytes(StandardCharsets.UTF_8));
    }

    private static PracticeSystem system(Party party) {
        return new PracticeSystem(party.odsCode(), party.asid(), party.partyKey());
    }

    private static OutboundMessage message(Party from, Party to, String conversationId, String interactionId,
            String messageId, String payload, Instant now, List<InlineAttachment> attachments,
            List<ExternalPart> external) {
        String ebxml = EbxmlHeader.of(from, to, conversationId, interactionId, messageId, now, attachments, external);
        JsonArrayBuilder externalParts = JSON.createArrayBuilder();
        for (ExternalPart part : external) {
            externalParts.add(JSON.createObjectBuilder().add("message_id", part.messageId())
                    .add("description", part.description()));
        }
        JsonArrayBuilder parts = JSON.createArrayBuilder();
        for (InlineAttachment a : attachments) {
            parts.add(JSON.createObjectBuilder().add("content_id", a.contentId())
                    .add("content_type", a.contentType()).add("is_base64", a.base64())
                    .add("description", a.description()).add("payload", a.payload()));
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(payload.length() + ebxml.length() + 256);
        JSON.createWriter(json).writeObject(JSON.createObjectBuilder()
                .add("ebXML", ebxml)
                .add("payload", payload)
                .add("attachments", parts)
                .add("external_attachments", externalParts)
                .build());
        return new OutboundMessage(conversationId, messageId, interactionId, from.odsCode(), to.odsCode(),
                json.toByteArray());
    }

    @Override
    public ReceivedMessage read(byte[] envelope) {
        if (envelope.length > MAX_ENVELOPE_BYTES) {
            throw problem("envelope", "The message is larger than " + MAX_ENVELOPE_BYTES + " bytes", null);
        }
        JsonObject json;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(envelope))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw problem("envelope", "The message is not an MHS JSON envelope: " + e.getClass().getSimpleName(),
                    null);
        }
        String ebxml = text(json, "ebXML");
        String payload = text(json, "payload");
        if (ebxml == null) {
            throw problem("ebXML", "The envelope has no ebXML header", null);
        }
        if (payload == null) {
            throw problem("payload", "The envelope has no HL7 payload", null);
        }
        XmlFacts header = facts("ebXML", ebxml, null);
        String interactionId = header.first(HEADER + "/Action#text");
        String conversationId = id("conversationId", header.first(HEADER + "/ConversationId#text"));
        String messageId = id("messageId", header.first(HEADER + "/MessageData/MessageId#text"));
        String fromOds = odsOfPartyKey(header.first(HEADER + "/From/PartyId#text"));
        String toOds = odsOfPartyKey(header.first(HEADER + "/To/PartyId#text"));
        ReceivedMessage known = new ReceivedMessage(interactionId, conversationId, messageId, fromOds, toOds, null,
                null, null, null, null, null, List.of(), List.of(), null, null);
        if (interactionId == null || interactionId.isBlank()) {
            throw problem("interactionId", "The ebXML header has no eb:Action (interaction id)", known);
        }

        XmlFacts body = facts("payload", payload, known);
        if (!Hl7.NAMESPACE.equals(body.rootNamespace())) {
            throw problem("payload", "The HL7 payload is not in the urn:hl7-org:v3 namespace", known);
        }
        if (!interactionId.equals(body.rootName())) {
            throw problem("interactionId", "The ebXML action " + interactionId + " does not match the payload "
                    + body.rootName(), known);
        }
        byte[] payloadBytes = payload.getBytes(StandardCharsets.UTF_8);
        // Who sent it, as the transport and the HL7 wrapper say (the HL7 author is content: the record's practice).
        String fromPartyKey = header.first(HEADER + "/From/PartyId#text");
        Party sender = new Party(fromOds, orElse(body.first("*/communicationFunctionSnd/device/id@extension"), null),
                fromPartyKey == null ? null : fromPartyKey.strip());
        List<ExternalPart> externalParts = externalParts(json, header);
        return switch (interactionId) {
            case ReceivedMessage.EHR_REQUEST -> new ReceivedMessage(interactionId, conversationId, messageId,
                    orElse(body.first(REQUEST + "/author" + ORGANISATION), fromOds),
                    orElse(body.first(REQUEST + "/destination" + ORGANISATION), toOds),
                    body.first(REQUEST + "/recordTarget/patient/id@extension"), null, null, null, null,
                    upper(body.first(REQUEST + "/id@root")), List.of(), List.of(), payloadBytes, sender);
            case ReceivedMessage.EHR_EXTRACT, ReceivedMessage.EHR_EXTRACT_UK07 -> new ReceivedMessage(interactionId,
                    conversationId, messageId,
                    orElse(body.first(EXTRACT + "/author" + ORGANISATION), fromOds),
                    orElse(body.first(EXTRACT + "/destination" + ORGANISATION), toOds),
                    body.first(EXTRACT + "/recordTarget/patient/id@extension"), null, null, null, null,
                    upper(body.first(EXTRACT + "/inFulfillmentOf/priorEhrRequest/id@root")), externalParts,
                    attachments(json, known), payloadBytes, sender);
            case ReceivedMessage.ACKNOWLEDGEMENT -> acknowledgement(known, body, payloadBytes, sender);
            // A continue request names the extract it continues; an attachment COPC names nothing.
            case ReceivedMessage.COMMON -> new ReceivedMessage(interactionId, conversationId, messageId, fromOds,
                    toOds, null, continuedExtract(body, known), null, null, null, null, externalParts,
                    attachments(json, known), payloadBytes, sender);
            default -> new ReceivedMessage(interactionId, conversationId, messageId, fromOds, toOds, null, null, null,
                    null, null, null, externalParts, attachments(json, known), payloadBytes, sender);
        };
    }

    /**
     * For a continue request (protocol 3.6): the extract it acknowledges; null for any other COPC.
     * Real senders put GP2GP_PI on attachments too, so the continue is known by its subject and the
     * acknowledgement it embeds, as the sender adaptor knows it.
     */
    private static String continuedExtract(XmlFacts body, ReceivedMessage known) {
        String fragment = COPC + "/pertinentInformation/pertinentPayloadBody/value/Gp2gpfragment";
        String extract = orElse(body.first(fragment + "/Message/acknowledgement/messageRef/id@root"),
                body.first(fragment + "/acknowledgedMessage/id@root"));
        boolean saysContinue = "Continue Acknowledgement".equalsIgnoreCase(
                orElse(body.first(COPC + "/value/Gp2gpfragment/subject#text"), ""));
        if (saysContinue && extract == null) {
            throw problem("messageRef", "The continue request does not name the extract it continues", known);
        }
        return extract == null ? null : upper(extract);
    }

    private static ReceivedMessage acknowledgement(ReceivedMessage known, XmlFacts body, byte[] payload,
            Party sender) {
        String type = body.first("*/acknowledgement@typeCode");
        AckType ackType;
        try {
            ackType = AckType.valueOf(type == null ? "" : type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem("ackType", "acknowledgement/@typeCode must be AA, AE or AR", known);
        }
        String refersTo = body.first("*/acknowledgement/messageRef/id@root");
        if (refersTo == null || refersTo.isBlank()) {
            throw problem("refersTo", "acknowledgement/messageRef/id/@root is missing", known);
        }
        // The reason: justifyingDetectedIssueEvent first, acknowledgementDetail otherwise (protocol 3.5).
        String issue = "*/ControlActEvent/reason/justifyingDetectedIssueEvent/code";
        String detail = "*/acknowledgement/acknowledgementDetail/code";
        String code = orElse(body.first(issue + "@code"), body.first(detail + "@code"));
        String text = orElse(body.first(issue + "@displayName"), body.first(detail + "@displayName"));
        return new ReceivedMessage(known.interactionId(), known.conversationId(), known.messageId(), known.fromOds(),
                known.toOds(), null, upper(refersTo.strip()), ackType, code, text, null, List.of(), List.of(), payload,
                sender);
    }

    @Override
    public String nhsNumberOfRecord(InputStream record) {
        XmlFacts facts;
        try {
            facts = XmlFacts.read(record);
        } catch (XmlFacts.XmlProblem e) {
            throw problem("record", e.getMessage(), null);
        }
        if (!Hl7.NAMESPACE.equals(facts.rootNamespace())) {
            throw problem("record", "The record is not HL7 in the urn:hl7-org:v3 namespace", null);
        }
        String number = switch (facts.rootName()) {
            case ReceivedMessage.EHR_EXTRACT, ReceivedMessage.EHR_EXTRACT_UK07 ->
                    facts.first(EXTRACT + "/recordTarget/patient/id@extension");
            case "EhrExtract" -> facts.first("EhrExtract/recordTarget/patient/id@extension");
            default -> throw problem("record", "The record must be an RCMR_IN030000UK06 message or an EhrExtract, not "
                    + facts.rootName(), null);
        };
        if (number == null || number.isBlank()) {
            throw problem("nhsNumber", "The record has no EhrExtract/recordTarget/patient/id/@extension", null);
        }
        return number.strip();
    }

    /**
     * The parts sent separately, in manifest order: the adaptor's {@code external_attachments} (with
     * their descriptions), then any {@code mid:} reference of the ebXML manifest it did not list.
     */
    private static List<ExternalPart> externalParts(JsonObject json, XmlFacts header) {
        Map<String, String> parts = new LinkedHashMap<>();
        JsonArray external = json.containsKey("external_attachments")
                && json.get("external_attachments").getValueType() == JsonValue.ValueType.ARRAY
                ? json.getJsonArray("external_attachments") : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonValue value : external) {
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                String id = text(value.asJsonObject(), "message_id");
                if (id != null && !id.isBlank()) {
                    parts.putIfAbsent(id.strip().toUpperCase(Locale.ROOT),
                            orElse(text(value.asJsonObject(), "description"), ""));
                }
            }
        }
        for (String href : header.all("Envelope/Body/Manifest/Reference@href")) {
            if (href.regionMatches(true, 0, "mid:", 0, 4)) {
                parts.putIfAbsent(href.substring(4).strip().toUpperCase(Locale.ROOT), "");
            }
        }
        return parts.entrySet().stream().map(e -> new ExternalPart(e.getKey(), e.getValue())).toList();
    }

    /** The parts that came inside the message; is_base64 arrives as a boolean or as a string. */
    private static List<InlineAttachment> attachments(JsonObject json, ReceivedMessage known) {
        JsonValue items = json.get("attachments");
        if (items == null || items.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        List<InlineAttachment> attachments = new ArrayList<>();
        for (JsonValue item : items.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.OBJECT) {
                throw problem("attachments", "Each attachment must be a JSON object", known);
            }
            JsonObject part = item.asJsonObject();
            String payload = text(part, "payload");
            if (payload == null) {
                throw problem("attachments.payload", "An attachment has no payload", known);
            }
            JsonValue base64 = part.get("is_base64");
            boolean isBase64 = base64 != null && (base64 == JsonValue.TRUE
                    || base64 instanceof JsonString flag && "true".equalsIgnoreCase(flag.getString().strip()));
            String contentId = orElse(text(part, "content_id"), "attachment-" + (attachments.size() + 1));
            attachments.add(new InlineAttachment(contentId.replaceAll("^<|>$", ""),
                    orElse(text(part, "content_type"), "application/octet-stream"), isBase64,
                    orElse(text(part, "description"), ""), payload));
        }
        return attachments;
    }

    private static XmlFacts facts(String field, String xmlText, ReceivedMessage known) {
        try {
            return XmlFacts.read(xmlText);
        } catch (XmlFacts.XmlProblem e) {
            throw problem(field, field + ": " + e.getMessage(), known);
        }
    }

    private static String text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw problem(field, "The ebXML header has no " + field, null);
        }
        try {
            return MessageIds.normalise(field, value);
        } catch (InvalidIdentifierException e) {
            throw problem(field, e.getMessage(), null);
        }
    }

    /** Party keys are "ODS-digits": RHM-801710 belongs to RHM. */
    private static String odsOfPartyKey(String partyKey) {
        if (partyKey == null) {
            return null;
        }
        int dash = partyKey.indexOf('-');
        return (dash < 0 ? partyKey : partyKey.substring(0, dash)).strip().toUpperCase(Locale.ROOT);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String upper(String id) {
        return id == null ? null : id.strip().toUpperCase(Locale.ROOT);
    }

    private static UnreadableMessageException problem(String field, String detail, ReceivedMessage known) {
        ReasonCode code = known == null ? ReasonCode.R99 : switch (known.interactionId() == null ? ""
                : known.interactionId()) {
            case ReceivedMessage.EHR_REQUEST -> ReasonCode.R18;
            case ReceivedMessage.EHR_EXTRACT, ReceivedMessage.EHR_EXTRACT_UK07 -> ReasonCode.R21;
            case ReceivedMessage.COMMON -> ReasonCode.R30;
            default -> ReasonCode.R99;
        };
        return new UnreadableMessageException(field, detail, code, known);
    }
}

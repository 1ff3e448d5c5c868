package uk.nhs.gp2gp.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.message.Inspection;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.MessageInspector;
import uk.nhs.gp2gp.message.MessageLimits;
import uk.nhs.gp2gp.message.MessageProblem;
import uk.nhs.gp2gp.message.MessageValidator;
import uk.nhs.gp2gp.message.NackCode;
import uk.nhs.gp2gp.message.UnreadableMessageException;
import uk.nhs.gp2gp.message.Violation;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The workflow and the inspector read with the same parser and validator: what the workflow
 * refuses, the inspector fails (with the same reason code), and what the workflow takes, the
 * inspector passes.
 */
class WorkflowAndInspectorReadAlikeTest {

    private static final Party REQUESTER = new Party("P99001", "900000000001", "P99001-000001");
    private static final Party SENDER = new Party("P99002", "900000000002", "P99002-000002");
    private static final String NHS_NUMBER = "9990000018";
    /** The spoilt messages whose ids can be read and that continue a conversation (not requests). */
    private static final Set<String> ANSWERED_IN_THE_CONVERSATION = Set.of("extract with a DOCTYPE",
            "part in another namespace", "extract without its payload", "action and payload disagree",
            "acknowledgement without a type");
    private final ConversationCodec codec = new ConversationCodec(
            Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));
    private final MessageInspector inspector = new MessageInspector(MessageLimits.defaults());

    private OutboundMessage request() {
        return codec.ehrRequest("CONV-1", "REQ-1", NHS_NUMBER, REQUESTER, SENDER);
    }

    private OutboundMessage extract() {
        String record = "<EhrExtract xmlns=\"urn:hl7-org:v3\"><id root=\"X\"/><recordTarget><patient>"
                + "<id extension=\"" + NHS_NUMBER + "\"/></patient></recordTarget></EhrExtract>";
        InlineAttachment scan = new InlineAttachment("D1@hub", "image/png", true,
                uk.nhs.gp2gp.message.AttachmentDescription.of("scan.png", "image/png", 3), "AAEC");
        return codec.extract("CONV-1", "REQ-1", new ByteArrayInputStream(record.getBytes(UTF_8)), List.of(scan),
                SENDER, REQUESTER);
    }

    private Stream<OutboundMessage> goodMessages() {
        ConversationCodec.FragmentIndex index = codec.fragmentIndex("CONV-1", SENDER, REQUESTER, "INDEX-1",
                "scan.tif", List.of(8L, 4L));
        return Stream.of(request(), extract(),
                codec.acknowledgement("CONV-1", REQUESTER, SENDER, "EXTRACT-1", AckType.AA, null),
                codec.acknowledgement("CONV-1", SENDER, REQUESTER, "REQUEST-1", AckType.AE, ReasonCode.R06),
                codec.continueRequest("CONV-1", REQUESTER, SENDER, "EXTRACT-1"), index.message(),
                codec.fragment("CONV-1", SENDER, REQUESTER, index.fragmentIds().get(0), "INDEX-1_0.messageattachment",
                        "QUJDREVGR0g="),
                codec.filePart("CONV-1", SENDER, REQUESTER, "PART-1", "letter.txt", "text/plain", "QUJD"));
    }

    /**
     * Good messages spoilt one way each. A request, or a message whose ids or interaction cannot be
     * read, is refused by the workflow; the others continue a conversation and are taken in with their
     * fault, to be answered there ({@link #ANSWERED_IN_THE_CONVERSATION}).
     */
    private Map<String, byte[]> badMessages() {
        String request = new String(request().envelope(), UTF_8);
        String ack = new String(codec.acknowledgement("CONV-1", REQUESTER, SENDER, "EXTRACT-1", AckType.AA, null)
                .envelope(), UTF_8);
        String extract = new String(extract().envelope(), UTF_8);
        String part = new String(codec.filePart("CONV-1", SENDER, REQUESTER, "PART-1", "letter.txt", "text/plain",
                "QUJD").envelope(), UTF_8);
        return Map.ofEntries(
                Map.entry("extract with a DOCTYPE", extract.replace("\"payload\":\"<RCMR_IN030000UK06",
                        "\"payload\":\"<!DOCTYPE x [<!ENTITY e \\\"e\\\">]><RCMR_IN030000UK06").getBytes(UTF_8)),
                Map.entry("part in another namespace", part.replace("xmlns=\\\"urn:hl7-org:v3\\\"",
                        "xmlns=\\\"urn:other\\\"").getBytes(UTF_8)),
                Map.entry("extract without its payload", without(extract, "payload")),
                Map.entry("acknowledgement with an unreadable message id", ack.replaceFirst(
                        "<eb:MessageId>[^<]*</eb:MessageId>", "<eb:MessageId>&lt;x&gt;</eb:MessageId>")
                        .replace("<acknowledgement typeCode=\\\"AA\\\">", "<acknowledgement>").getBytes(UTF_8)),
                Map.entry("request from an ASID that is not a Spine ASID", request.replace(
                        "extension=\\\"" + REQUESTER.asid() + "\\\"", "extension=\\\"9" + REQUESTER.asid() + "\\\"")
                        .getBytes(UTF_8)),
                Map.entry("request from a party key too long to keep", request.replace(REQUESTER.partyKey(),
                        REQUESTER.partyKey() + "0".repeat(MessageValidator.MAX_PARTY_KEY)).getBytes(UTF_8)),
                Map.entry("not JSON", "not json".getBytes(UTF_8)),
                Map.entry("no ebXML header", without(request, "ebXML")),
                Map.entry("no payload", without(request, "payload")),
                Map.entry("payload in another namespace", request.replace("xmlns=\\\"urn:hl7-org:v3\\\"",
                        "xmlns=\\\"urn:other\\\"").getBytes(UTF_8)),
                Map.entry("action and payload disagree", request.replace("<eb:Action>RCMR_IN010000UK05</eb:Action>",
                        "<eb:Action>RCMR_IN030000UK06</eb:Action>").getBytes(UTF_8)),
                Map.entry("acknowledgement without a type", ack.replace("<acknowledgement typeCode=\\\"AA\\\">",
                        "<acknowledgement>").getBytes(UTF_8)),
                Map.entry("DOCTYPE in the payload", request.replace("\"payload\":\"<RCMR_IN010000UK05",
                        "\"payload\":\"<!DOCTYPE x [<!ENTITY e \\\"e\\\">]><RCMR_IN010000UK05").getBytes(UTF_8)),
                Map.entry("message id that is not an id", request.replaceFirst("<eb:MessageId>[^<]*</eb:MessageId>",
                        "<eb:MessageId>&lt;script&gt;</eb:MessageId>").getBytes(UTF_8)));
    }


    @TestFactory
    Stream<DynamicTest> whatTheWorkflowRefusesOrAnswersTheInspectorFailsWithTheSameCode() {
        return badMessages().entrySet().stream().map(bad -> DynamicTest.dynamicTest(bad.getKey(), () -> {
            List<Violation> errors = inspectionErrors(bad.getValue());
            assertFalse(errors.isEmpty(), "the inspector fails it");
            if (ANSWERED_IN_THE_CONVERSATION.contains(bad.getKey())) {
                Violation fault = codec.read(bad.getValue()).fault();
                assertNotNull(fault, "the workflow takes it in only to answer its fault");
                assertEquals(errors.get(0).field(), fault.field());
                assertEquals(errors.get(0).nackCode(), fault.nackCode());
            } else {
                UnreadableMessageException refused = assertThrows(UnreadableMessageException.class,
                        () -> codec.read(bad.getValue()), "the workflow refuses it");
                assertEquals(errors.get(0).field(), refused.field());
                assertEquals(errors.get(0).nackCode(), refused.nackCode());
            }
        }));
    }

    /** What the workflow answers in the conversation it reads as the conversation's: ids and sender. */
    @Test
    void anUnusableMessageIsReadWithItsIdsAndSender() {
        byte[] broken = badMessages().get("extract with a DOCTYPE");
        ReceivedMessage read = codec.read(broken);
        assertEquals("CONV-1", read.conversationId());
        assertEquals(Interaction.EHR_EXTRACT, read.interaction());
        assertEquals(SENDER.partyKey(), read.sender().partyKey(), "its party key says who sent it");
        assertNotNull(read.fault(), "its fault: the XML reader's refusal, which names no code");
        assertEquals(ReasonCode.R21, Faults.answer(read.interaction(), TransferRole.REQUESTER).orElseThrow(),
                "the requester answers an extract it cannot use with 21");
    }

    @TestFactory
    Stream<DynamicTest> whatTheWorkflowTakesTheInspectorPasses() {
        return goodMessages().map(good -> DynamicTest.dynamicTest(good.interactionId(), () -> {
            assertDoesNotThrow(() -> codec.read(good.envelope()), "the workflow takes it");
            assertEquals(List.of(), inspectionErrors(good.envelope()), "the inspector passes it");
        }));
    }

    /**
     * A request whose NHS number fails its check: the inspector fails it with 18; the workflow takes
     * it in, to answer it in the conversation with the same code (SenderSide refuses it with R18).
     */
    @Test
    void aBadNhsNumberIsFailedWith18AndAnsweredWith18() {
        String badNumber = "9990000019";
        byte[] request = codec.ehrRequest("CONV-2", "REQ-2", badNumber, REQUESTER, SENDER).envelope();
        List<Violation> errors = inspectionErrors(request);
        assertEquals(List.of("nhsNumber"), errors.stream().map(Violation::field).toList());
        assertEquals(NackCode.REQUEST_MALFORMED, errors.get(0).nackCode());

        ReceivedMessage read = codec.read(request);
        assertEquals(badNumber, read.nhsNumber());
        assertFalse(NhsNumber.isValid(read.nhsNumber()), "the sender side refuses it");
        assertEquals(ReasonCode.R18.code(), NackCode.REQUEST_MALFORMED.code());
    }

    /**
     * A COPC whose manifest names a part it does not carry: the inspector fails it with 30; the
     * workflow takes it in, to answer it with 30 (LargeRecordParts: a part that carries nothing).
     */
    @Test
    void aPartWithoutItsAttachmentIsFailedWith30AndAnsweredWith30() {
        String part = new String(codec.fragment("CONV-3", SENDER, REQUESTER, "PART-3", "PART-3_0.messageattachment",
                "QUJD").envelope(), UTF_8);
        JsonObject json = Json.createReader(new StringReader(part)).readObject();
        byte[] withoutAttachment = Json.createObjectBuilder(json).add("attachments", Json.createArrayBuilder()).build()
                .toString().getBytes(UTF_8);
        List<Violation> errors = inspectionErrors(withoutAttachment);
        assertEquals(List.of("attachments"), errors.stream().map(Violation::field).toList());
        assertEquals(NackCode.LARGE_MESSAGE_GENERAL_FAILURE, errors.get(0).nackCode());

        ReceivedMessage read = codec.read(withoutAttachment);
        assertEquals(List.of(), read.attachments());
        assertEquals(List.of(), read.externalParts());
        assertEquals(ReasonCode.R30.code(), NackCode.LARGE_MESSAGE_GENERAL_FAILURE.code());
    }

    /**
     * A request whose HL7 does not name its author: nothing else names the requesting practice (a party
     * key holds no ODS code), so the inspector fails it with 18 and the workflow refuses it at the door.
     */
    @Test
    void aRequestWithoutItsAuthorIsFailedWith18AndRefused() {
        String request = new String(request().envelope(), UTF_8);
        byte[] withoutAuthor = request.replace("extension=\\\"" + REQUESTER.odsCode() + "\\\"", "extension=\\\"\\\"")
                .getBytes(UTF_8);
        List<Violation> errors = inspectionErrors(withoutAuthor);
        assertEquals(List.of("requestingOds"), errors.stream().map(Violation::field).toList());
        assertEquals(NackCode.REQUEST_MALFORMED, errors.get(0).nackCode());

        UnreadableMessageException refused = assertThrows(UnreadableMessageException.class,
                () -> codec.read(withoutAuthor));
        assertEquals("requestingOds", refused.field());
    }

    /**
     * A request is answered to the ASID and party key it came from, kept on the transfer: one whose
     * sending ASID is not a Spine ASID (12 digits) or whose party key is too long to keep is malformed
     * (18) for the inspector, and refused at the door by the workflow, never half taken in.
     */
    @Test
    void aRequestFromANonSpineAsidOrAnOverlongPartyKeyIsFailedWith18AndRefused() {
        for (String bad : List.of("request from an ASID that is not a Spine ASID",
                "request from a party key too long to keep")) {
            byte[] request = badMessages().get(bad);
            List<Violation> errors = inspectionErrors(request);
            assertEquals(1, errors.size(), bad + ": " + errors);
            assertEquals(NackCode.REQUEST_MALFORMED, errors.get(0).nackCode(), bad);
            UnreadableMessageException refused = assertThrows(UnreadableMessageException.class,
                    () -> codec.read(request), bad);
            assertEquals(errors.get(0).field(), refused.field(), bad);
        }
        assertEquals(List.of(), inspectionErrors(request().envelope()), "a Spine ASID and party key pass");
    }

    /** The JSON envelope without one of its fields. */
    private static byte[] without(String json, String field) {
        JsonObject envelope = Json.createReader(new StringReader(json)).readObject();
        return Json.createObjectBuilder(envelope).remove(field).build().toString().getBytes(UTF_8);
    }

    private List<Violation> inspectionErrors(byte[] json) {
        try {
            Inspection inspection = inspector.inspect(new ByteArrayInputStream(json), "application/json");
            return inspection.errors();
        } catch (MessageProblem unreadable) {
            return unreadable.violations();
        }
    }
}

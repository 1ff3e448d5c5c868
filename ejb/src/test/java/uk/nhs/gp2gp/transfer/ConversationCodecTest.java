package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.UnreadableMessageException;
import uk.nhs.gp2gp.transport.OutboundMessage;

/** The conversation's messages: what is built reads back with the same ids and links. */
class ConversationCodecTest {

    private static final Path FIXTURES = Path.of(System.getProperty("gp2gp.fixtures", "../../shared/fixtures/gp2gp"));
    private static final Party REQUESTER = new Party("P99001", "900000000001", "P99001-000001");
    private static final Party SENDER = new Party("P99002", "900000000002", "P99002-000002");
    private final ConversationCodec codec = new ConversationCodec(
            Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));

    @Test
    void anEhrRequestReadsBackWithItsIdsAndPractices() {
        OutboundMessage built = codec.ehrRequest("CONV-1", "REQ-1", "9990000018", REQUESTER, SENDER);
        ReceivedMessage read = codec.read(built.envelope());

        assertEquals(Interaction.EHR_REQUEST, read.interaction());
        assertEquals("CONV-1", read.conversationId());
        assertEquals(built.messageId(), read.messageId());
        assertTrue(built.messageId().matches("[0-9A-F-]{36}"), "new ids are upper-case UUIDs");
        assertEquals("9990000018", read.nhsNumber());
        assertEquals("P99001", read.fromOds());
        assertEquals("P99002", read.toOds());
        assertEquals("REQ-1", read.ehrRequestId());
        String payload = new String(read.payload(), StandardCharsets.UTF_8);
        assertTrue(payload.contains("<creationTime value=\"20260301101530\"/>"));
        assertTrue(payload.contains("extension=\"900000000002\""), "the receiver's ASID");
    }

    @Test
    void aNegativeAcknowledgementCarriesItsReasonInBothPlaces() {
        OutboundMessage built = codec.acknowledgement("CONV-1", SENDER, REQUESTER, "REQ-MSG", AckType.AE,
                ReasonCode.R06);
        String payload = new String(codec.read(built.envelope()).payload(), StandardCharsets.UTF_8);
        assertEquals(2, payload.split("code=\"06\"", -1).length - 1);
        assertEquals(2, payload.split("displayName=\"Patient not at surgery\"", -1).length - 1,
                "the EhrRequestAckCode text in both places");

        ReceivedMessage read = codec.read(built.envelope());
        assertEquals(AckType.AE, read.ackType());
        assertEquals("REQ-MSG", read.refersTo());
        assertEquals("06", read.reasonCode());
        // An acknowledgement's HL7 names no practice; its party key and ASID say who sent it.
        assertNull(read.fromOds(), "no ODS code cut from the party key");
        assertEquals(new Party(null, SENDER.asid(), SENDER.partyKey()), read.sender());
        assertEquals(new Party(null, REQUESTER.asid(), REQUESTER.partyKey()), read.receiver());
    }

    @Test
    void aNegativeAcknowledgementsTextIsTheVocabularysNotOurShortName() {
        String payload = new String(codec.read(codec.acknowledgement("CONV-1", SENDER, REQUESTER, "REQ-MSG",
                AckType.AE, ReasonCode.R19).envelope()).payload(), StandardCharsets.UTF_8);
        assertTrue(payload.contains("displayName=\"Sender check indicates that Requester is not the patient\u2019s "
                + "current healthcare provider\""), payload);
    }

    @Test
    void aPositiveAcknowledgementHasNoReason() {
        ReceivedMessage read = codec.read(codec.acknowledgement("C", REQUESTER, SENDER, "EXT", AckType.AA, null)
                .envelope());
        assertEquals(AckType.AA, read.ackType());
        assertEquals(null, read.reasonCode());
        assertFalse(new String(read.payload(), StandardCharsets.UTF_8).contains("justifyingDetectedIssueEvent"));
    }

    @Test
    void anExtractFromARealRecordGetsNewIdsTheRequestLinkAndTheDestination() throws Exception {
        Path record = FIXTURES.resolve("ehr-extract/ps-small.payload.xml");
        assumeTrue(Files.exists(record), "SKIPPED LOUDLY: the shared fixtures are not at " + FIXTURES);
        OutboundMessage built;
        try (InputStream in = Files.newInputStream(record)) {
            built = codec.extract("CONV-2", "REQ-2", in, List.of(), SENDER, REQUESTER);
        }
        ReceivedMessage read = codec.read(built.envelope());
        String payload = new String(read.payload(), StandardCharsets.UTF_8);

        assertEquals(Interaction.EHR_EXTRACT, read.interaction());
        assertEquals("9442964410", read.nhsNumber(), "the patient is the record's");
        assertEquals("REQ-2", read.ehrRequestId(), "priorEhrRequest links to this conversation's request");
        assertEquals("P99001", read.toOds(), "the destination is the requesting practice");
        assertEquals("M85019", read.fromOds(), "the author stays the practice that wrote the record");
        assertEquals(new Party(null, SENDER.asid(), SENDER.partyKey()), read.sender(),
                "the message comes from the sending practice's system, whoever wrote the record: its party key and"
                        + " ASID say which (its author is the record's practice, and a party key holds no ODS code)");
        assertTrue(payload.contains("<id root=\"" + built.messageId() + "\""), "one id for message and extract");
        assertFalse(payload.contains("31FA3430-6E88-11EA-9384-E83935108FD5\"/>\n    <statusCode"));
        assertTrue(payload.contains("Entire record available to originator"), "clinical content kept");
        assertNotEquals(-1, payload.indexOf("<ehrFolder"));
    }

    @Test
    void aBareExtractWithoutARequestLinkGetsOne() {
        String bare = """
                <EhrExtract xmlns="urn:hl7-org:v3" classCode="EXTRACT" moodCode="EVN">
                  <id root="OLD"/>
                  <recordTarget typeCode="RCT"><patient classCode="PAT">
                    <id root="2.16.840.1.113883.2.1.4.1" extension="9990000026"/></patient></recordTarget>
                  <limitation typeCode="LIMIT" inversionInd="true"/>
                </EhrExtract>""";
        assertEquals("9990000026", codec.nhsNumberOfRecord(stream(bare)));
        ReceivedMessage read = codec.read(codec.extract("C3", "REQ-3", stream(bare), List.of(), SENDER, REQUESTER).envelope());
        assertEquals("REQ-3", read.ehrRequestId());
        String payload = new String(read.payload(), StandardCharsets.UTF_8);
        assertTrue(payload.indexOf("inFulfillmentOf") < payload.indexOf("limitation"), "schema order kept");
    }

    @Test
    void attachmentsTravelInlineWithTheirDescriptionsInTheManifest() {
        String bare = "<EhrExtract xmlns=\"urn:hl7-org:v3\"><id root=\"X\"/><recordTarget><patient>"
                + "<id extension=\"9990000026\"/></patient></recordTarget></EhrExtract>";
        InlineAttachment scan = new InlineAttachment("D1@hub", "image/png", true,
                AttachmentDescription.of("scan.png", "image/png", 3), "AAEC");
        OutboundMessage built = codec.extract("C4", "REQ-4", stream(bare), List.of(scan), SENDER, REQUESTER);

        ReceivedMessage read = codec.read(built.envelope());
        assertEquals(List.of(scan), read.attachments());
        String envelope = new String(built.envelope(), StandardCharsets.UTF_8);
        assertTrue(envelope.contains("cid:D1@hub"), "the manifest references the part");
        assertTrue(envelope.contains("Filename=\\\"scan.png\\\""), envelope);
    }

    @Test
    void isBase64MayArriveAsAString() {
        String bare = "<EhrExtract xmlns=\"urn:hl7-org:v3\"><id root=\"X\"/></EhrExtract>";
        String json = new String(codec.extract("C5", "R5", stream(bare), List.of(), SENDER, REQUESTER).envelope(),
                StandardCharsets.UTF_8).replace("\"attachments\":[]",
                "\"attachments\":[{\"content_id\":\"<p1>\",\"is_base64\":\"true\",\"payload\":\"AA==\"}]");
        ReceivedMessage read = codec.read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(new InlineAttachment("p1", "application/octet-stream", true, "", "AA=="), read.attachments().get(0));
    }

    @Test
    void aRecordIsAboutTheFirstPatientItNamesAndItsRootMustBeAnExtract() {
        String twice = "<EhrExtract xmlns=\"urn:hl7-org:v3\">"
                + "<recordTarget><patient><id extension=\"9990000026\"/></patient></recordTarget>"
                + "<recordTarget><patient><id extension=\"9990000034\"/></patient></recordTarget></EhrExtract>";
        assertEquals("9990000026", codec.nhsNumberOfRecord(stream(twice)));
        assertEquals("record", assertThrows(UnreadableMessageException.class, () -> codec.nhsNumberOfRecord(
                stream("<MCCI_IN010000UK13 xmlns=\"urn:hl7-org:v3\"/>"))).field());
        assertEquals("nhsNumber", assertThrows(UnreadableMessageException.class, () -> codec.nhsNumberOfRecord(
                stream("<EhrExtract xmlns=\"urn:hl7-org:v3\"/>"))).field());
    }

    @Test
    void hostileOrBrokenXmlIsRefusedWithTheFieldNamed() {
        String doctype = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><EhrExtract xmlns=\"urn:hl7-org:v3\">&e;</EhrExtract>";
        UnreadableMessageException e = assertThrows(UnreadableMessageException.class,
                () -> codec.nhsNumberOfRecord(stream(doctype)));
        assertEquals("record", e.field());
        assertThrows(UnreadableMessageException.class, () -> codec.nhsNumberOfRecord(stream("<EhrExtract")));
        assertThrows(UnreadableMessageException.class,
                () -> codec.nhsNumberOfRecord(stream("<EhrExtract xmlns=\"urn:other\"/>")));
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        assertThrows(UnreadableMessageException.class, () -> codec.nhsNumberOfRecord(stream(deep)));
        assertEquals("json", assertThrows(UnreadableMessageException.class,
                () -> codec.read("not json".getBytes(StandardCharsets.UTF_8))).field());
    }

    @Test
    void readsTheRealLargeMessageExtractAndItsExternalParts() throws Exception {
        Path uk06 = FIXTURES.resolve("large-message/scenario-6/uk06.json");
        assumeTrue(Files.exists(uk06), "SKIPPED LOUDLY: the shared fixtures are not at " + FIXTURES);
        String json = Files.readString(uk06).replace("{{conversationId}}", "C6").replace("{{nhsNumber}}", "9990000034");
        ReceivedMessage read = codec.read(json.getBytes(StandardCharsets.UTF_8));
        assertEquals("F01B395C-15AD-480C-8FA8-EA930B182788", read.messageId());
        assertEquals("C6", read.conversationId());
        assertEquals(List.of(new ExternalPart("477B7133-6CED-4040-8D6F-3872A3CE2192",
                "Filename=\"588210BB-401D-41F9-84D2-978697CEEFE5_00011000.tif\" ContentType=image/tiff Compressed=No"
                        + " LargeAttachment=Yes OriginalBase64=Yes Length=36504")), read.externalParts());
    }

    @Test
    void aRealFragmentIndexNamesItsFragmentsInOrderAndCarriesItsFirstPiece() throws Exception {
        Path index = FIXTURES.resolve("large-message/scenario-6/copc_index.json");
        assumeTrue(Files.exists(index), "SKIPPED LOUDLY: the shared fixtures are not at " + FIXTURES);
        ReceivedMessage read = codec.read(Files.readString(index).replace("{{conversationId}}", "C6")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Interaction.COPC, read.interaction());
        assertFalse(read.isContinueRequest());
        assertEquals(List.of("1FEE18C6-8184-4961-A848-7F13903A2ACF", "482CDD0C-C361-4961-99D6-ACF80B2FE17D"),
                read.externalParts().stream().map(ExternalPart::messageId).toList());
        assertEquals(1, read.attachments().size());
        assertTrue(read.attachments().get(0).base64());
    }

    @Test
    void theContinueRequestWeBuildNamesTheExtractAndReadsBackAsOne() {
        OutboundMessage built = codec.continueRequest("CONV-1", REQUESTER, SENDER, "EXTRACT-MSG-1");
        assertEquals(Interaction.COPC.id(), built.interactionId());
        ReceivedMessage read = codec.read(built.envelope());
        assertTrue(read.isContinueRequest());
        assertEquals("EXTRACT-MSG-1", read.refersTo());
        assertEquals(built.messageId(), read.messageId());
        assertEquals("P99001", read.fromOds());
        assertEquals("P99002", read.toOds());
        String payload = new String(read.payload(), StandardCharsets.UTF_8);
        assertTrue(payload.contains("Continue Acknowledgement"), payload);
    }

    @Test
    void aRealContinueRequestNamesTheExtractItContinues() throws Exception {
        Path ebxml = FIXTURES.resolve("continue/ga-continue.ebxml.xml");
        Path payload = FIXTURES.resolve("continue/ga-continue.payload.xml");
        assumeTrue(Files.exists(ebxml) && Files.exists(payload), "SKIPPED LOUDLY: the shared fixtures are not at "
                + FIXTURES);
        String json = jakarta.json.Json.createObjectBuilder()
                .add("ebXML", Files.readString(ebxml).replace("{{conversationId}}", "C1"))
                .add("payload", Files.readString(payload)).build().toString();
        ReceivedMessage read = codec.read(json.getBytes(StandardCharsets.UTF_8));
        assertTrue(read.isContinueRequest());
        assertTrue(payloadOf(payload).contains(read.refersTo()), "the extract id comes from the payload");
    }

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String BARE_RECORD = "<EhrExtract xmlns=\"urn:hl7-org:v3\"><id root=\"X\"/>"
            + "<recordTarget><patient><id extension=\"9990000026\"/></patient></recordTarget></EhrExtract>";

    @Test
    void aFileOfATypeTheAdaptorRefusesGoesAsOctetStreamAndItsDescriptionKeepsTheRealType() {
        InlineAttachment letter = new InlineAttachment("D1@hub", DOCX, true, "letter.docx", "UEsDBA==");
        OutboundMessage built = codec.extract("C6", "R6", stream(BARE_RECORD), List.of(letter), SENDER, REQUESTER);

        JsonObject attachment = attachments(built).getJsonObject(0);
        assertEquals("application/octet-stream", attachment.getString("content_type"));
        AttachmentDescription description = AttachmentDescription.parse(attachment.getString("description"));
        assertEquals(DOCX, description.contentType(), "the receiver reads the real type here");
        assertEquals("letter.docx", description.filename());
        ReceivedMessage read = codec.read(built.envelope());
        assertEquals(DOCX, AttachmentDescription.parse(read.attachments().get(0).description()).contentType());
    }

    @Test
    void aTypeTheAdaptorAcceptsIsSentAsItIs() {
        InlineAttachment scan = new InlineAttachment("D1@hub", "image/png", true,
                AttachmentDescription.of("scan.png", "image/png", 3), "AAEC");
        OutboundMessage built = codec.extract("C7", "R7", stream(BARE_RECORD), List.of(scan), SENDER, REQUESTER);
        assertEquals("image/png", attachments(built).getJsonObject(0).getString("content_type"));
    }

    @Test
    void anEmptyFileGoesAsAnAbsentAttachmentTextNeverAsAnEmptyPayload() {
        InlineAttachment empty = new InlineAttachment("D1@hub", DOCX, true,
                AttachmentDescription.of("empty.docx", DOCX, 0), "");
        OutboundMessage built = codec.extract("C8", "R8", stream(BARE_RECORD), List.of(empty), SENDER, REQUESTER);

        JsonObject attachment = attachments(built).getJsonObject(0);
        assertEquals("text/plain", attachment.getString("content_type"));
        assertTrue(attachment.getBoolean("is_base64"));
        String text = new String(java.util.Base64.getDecoder().decode(attachment.getString("payload")),
                StandardCharsets.UTF_8);
        assertTrue(text.startsWith("The file could not be included with the Electronic Record\nempty.docx\nP99002:C8"),
                text);
        AttachmentDescription description = AttachmentDescription.parse(attachment.getString("description"));
        assertEquals("empty.docx", description.filename(), "the record's reference to the file still resolves");
        assertEquals("text/plain", description.contentType());
        assertEquals(attachment.getString("payload").length(), description.length());
    }

    @Test
    void anEmptyFileSentInAPartOfItsOwnIsTheAbsentAttachmentTextToo() {
        OutboundMessage part = codec.filePart("C9", SENDER, REQUESTER, "PART-9", "empty.docx", DOCX, "");
        JsonObject attachment = attachments(part).getJsonObject(0);
        assertEquals(ConversationCodec.absentAttachment("empty.docx", SENDER, "C9"), attachment.getString("payload"));
        assertEquals("text/plain", attachment.getString("content_type"));
    }

    @Test
    void everyAttachmentNamesItsDocument() {
        InlineAttachment scan = new InlineAttachment("D1@hub", "image/png", true,
                AttachmentDescription.of("scan.png", "image/png", 3), "AAEC");
        JsonObject inline = attachments(codec.extract("C10", "R10", stream(BARE_RECORD), List.of(scan), SENDER,
                REQUESTER)).getJsonObject(0);
        assertTrue(inline.getString("document_id").matches("_[0-9A-F-]{36}"), inline.toString());

        JsonObject part = attachments(codec.filePart("C10", SENDER, REQUESTER, "PART-10", "scan.png", "image/png",
                "AAEC")).getJsonObject(0);
        assertEquals("_PART-10", part.getString("document_id"));
        JsonObject fragment = attachments(codec.fragment("C10", SENDER, REQUESTER, "FRAG-10",
                "PART-10_0.messageattachment", "AAEC")).getJsonObject(0);
        assertEquals("_FRAG-10", fragment.getString("document_id"));

        ConversationCodec.LargeExtract large = codec.largeExtract("C10", "R10", stream(BARE_RECORD), "9990000026",
                List.of(new ExternalPart("PART-10", AttachmentDescription.of("scan.png", "image/png", 3))), SENDER,
                REQUESTER, 4_500_000, 4_500_000);
        JsonObject announced = json(large.message()).getJsonArray("external_attachments").getJsonObject(0);
        assertEquals("_PART-10", announced.getString("document_id"), "as its COPC names it");
    }

    private static JsonArray attachments(OutboundMessage message) {
        return json(message).getJsonArray("attachments");
    }

    private static JsonObject json(OutboundMessage message) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(message.envelope()))) {
            return reader.readObject();
        }
    }

    private static String payloadOf(Path file) throws java.io.IOException {
        return Files.readString(file).toUpperCase(java.util.Locale.ROOT);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

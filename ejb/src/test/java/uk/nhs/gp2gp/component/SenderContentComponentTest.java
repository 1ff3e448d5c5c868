package uk.nhs.gp2gp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.demographics.LocalDemographics;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.AdaptorContentTypes;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Hl7Writer;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.record.PatientRecords;
import uk.nhs.gp2gp.record.RecordAttachment;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.Transfers;

/**
 * What the sender hands the MHS adaptor, on the real beans and database: only content types the
 * adaptor accepts, no empty payload, a document id on every attachment, and large messaging chosen
 * by the size of the whole message, for stored and partner-supplied records alike.
 */
@Tag("database")
class SenderContentComponentTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static Gp2gpWorld world;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void aDocxAndAnEmptyFileGoInlineAsTheAdaptorAcceptsThem() {
        String patient = registeredAtPartner();
        storeRecord(patient, recordOf(patient, ""),
                new RecordAttachment("letter@hub", DOCX, "letter.docx", bytes("PK-synthetic-docx")),
                new RecordAttachment("empty@hub", "application/pdf", "empty.pdf", bytes("")));

        Transfer transfer = askFor(patient);

        assertEquals(TransferStatus.EXTRACT_SENT, transfer.getStatus());
        JsonArray attachments = json(world.sentEnvelopes(transfer).get(0)).getJsonArray("attachments");
        assertEquals(2, attachments.size());
        for (JsonValue value : attachments) {
            JsonObject attachment = value.asJsonObject();
            assertTrue(AdaptorContentTypes.ACCEPTED.contains(attachment.getString("content_type")),
                    attachment.toString());
            assertFalse(attachment.getString("payload").isEmpty(), "the adaptor refuses an empty payload");
            assertTrue(attachment.getString("document_id").startsWith("_"), attachment.toString());
        }
        assertEquals(AdaptorContentTypes.OCTET_STREAM, attachments.getJsonObject(0).getString("content_type"));
        assertTrue(attachments.getJsonObject(0).getString("description").contains("ContentType=" + DOCX));
        assertEquals("text/plain", attachments.getJsonObject(1).getString("content_type"),
                "the absent-attachment text");
    }

    @Test
    void aRecordWhoseWholeMessageIsOverSpinesLimitGoesByLargeMessagingAndTheRequestsAaFollowsItsLastDocument() {
        String patient = registeredAtPartner();
        // 3,375,000 bytes are 4,500,000 characters of base64, inline on their own; the 600 KB extract tips it over.
        storeRecord(patient, recordOf(patient, "Synthetic note. ".repeat(40_000)),
                new RecordAttachment("scan@hub", "image/png", "scan.png", new ByteArrayInputStream(
                        new byte[3_375_000])));

        Transfer transfer = askFor(patient);

        JsonObject extract = json(world.sentEnvelopes(transfer).get(0));
        assertEquals(0, extract.getJsonArray("attachments").size());
        assertEquals(1, extract.getJsonArray("external_attachments").size(), "announced, to follow the continue");
        assertEquals(List.of(Interaction.EHR_EXTRACT), interactions(transfer), "no acknowledgement before the file");

        world.receive(world.partner.continueRequest(transfer.getConversationId(), PARTNER, HOSTED,
                transfer.getExtractMessageId()));

        assertEquals(List.of(Interaction.EHR_EXTRACT, Interaction.COPC, Interaction.ACKNOWLEDGEMENT),
                interactions(transfer), "GA acknowledges the request once every document has gone");
        assertEquals(transfer.getRequestMessageId(), world.sent(transfer).get(2).refersTo());
    }

    private static List<Interaction> interactions(Transfer transfer) {
        return world.sent(transfer).stream().map(m -> m.interaction().orElseThrow()).toList();
    }

    @Test
    void aSuppliedExtractTooLongForOneMessageGoesAsASkeleton() {
        String patient = registeredAtPartner();
        Transfer waiting = askFor(patient);
        assertEquals(TransferStatus.WAITING_FOR_EXTRACT, waiting.getStatus());
        byte[] supplied = recordOf(patient, "Synthetic note. ".repeat(300_000)).getBytes(StandardCharsets.UTF_8);

        world.inTransaction(() -> world.bean(Transfers.class).supplyExtract(waiting.getConversationId(), supplied));

        Transfer sent = world.transfer(waiting.getConversationId(), TransferRole.SENDER);
        assertEquals(TransferStatus.EXTRACT_SENT, sent.getStatus());
        byte[] envelope = world.sentEnvelopes(sent).get(0);
        assertTrue(envelope.length < 100_000, "a skeleton, not the " + supplied.length + " bytes supplied");
        JsonArray external = json(envelope).getJsonArray("external_attachments");
        assertEquals(1, external.size());
        assertTrue(external.getJsonObject(0).getString("description").contains("X-GP2GP-Skeleton: Yes"));
    }

    private static Transfer askFor(String patient) {
        Gp2gpMessage request = world.partner.ehrRequest(MessageIds.newId(), patient, PARTNER, HOSTED);
        world.receive(request);
        return world.transfer(request.conversationId(), TransferRole.SENDER);
    }

    private static String registeredAtPartner() {
        String patient = Gp2gpWorld.newPatient();
        world.inTransaction(() -> world.bean(LocalDemographics.class).put(new NhsNumber(patient), PARTNER.odsCode(),
                HOSTED.odsCode(), false, null));
        return patient;
    }

    /** The hosted practice's record of the patient, with a narrative of {@code notes} when not empty. */
    private static String recordOf(String patient, String notes) {
        Gp2gpMessage asBuilt = world.partner.ehrExtract(MessageIds.newId(),
                (EhrRequest) world.partner.ehrRequest(MessageIds.newId(), patient, PARTNER, HOSTED).payload(),
                HOSTED, PARTNER, List.of());
        String hl7 = Hl7Writer.toXml(asBuilt.payload());
        return notes.isEmpty() ? hl7 : hl7.replace("</ehrFolder>", """
                <component typeCode="COMP"><ehrComposition classCode="COMPOSITION" moodCode="EVN">
                <id root="0A1B2C3D-0000-4000-8000-000000000003"/><component typeCode="COMP">
                <NarrativeStatement classCode="OBS" moodCode="EVN"><id root="0A1B2C3D-0000-4000-8000-000000000004"/>
                <text>%s</text></NarrativeStatement></component></ehrComposition></component></ehrFolder>"""
                .formatted(notes));
    }

    private static void storeRecord(String patient, String record, RecordAttachment... files) {
        Iterator<RecordAttachment> attachments = List.of(files).iterator();
        world.inTransaction(() -> world.bean(PatientRecords.class).storeChecked(OdsCode.of(HOSTED.odsCode()),
                new NhsNumber(patient), record.getBytes(StandardCharsets.UTF_8), attachments));
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject json(byte[] envelope) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(envelope))) {
            return reader.readObject();
        }
    }
}

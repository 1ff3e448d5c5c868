package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real NHS message in the shared fixtures reads with exactly the values SOURCES.md gives for
 * it, and without errors. The table drives the test: a new row is a new test.
 */
class RealMessagesTest {

    /** How each SOURCES.md key is read from a parsed message. */
    private static final Map<String, Function<Gp2gpMessage, Object>> KEYS = Map.ofEntries(
            Map.entry("interactionId", Gp2gpMessage::interactionId),
            Map.entry("messageId", Gp2gpMessage::messageId),
            Map.entry("conversationId", Gp2gpMessage::conversationId),
            Map.entry("nhsNumber", Gp2gpMessage::nhsNumber),
            Map.entry("fromParty", m -> m.envelope().fromPartyId()),
            Map.entry("toParty", m -> m.envelope().toPartyId()),
            Map.entry("fromAsid", Gp2gpMessage::fromAsid),
            Map.entry("toAsid", Gp2gpMessage::toAsid),
            Map.entry("manifestRefs", m -> m.envelope().references().size()),
            Map.entry("attachments", m -> m.attachments().size()),
            Map.entry("externalAttachments", m -> m.externalAttachments().size()),
            Map.entry("ackType", m -> ((Acknowledgement) m.payload()).type()),
            Map.entry("refersTo", Gp2gpMessage::refersTo),
            Map.entry("reasonCode", m -> ((Acknowledgement) m.payload()).reason().orElseThrow().code()));

    /** The fixtures that are wrong on purpose, and what is wrong with them (field and NACK code). */
    private static final Map<String, List<String>> EXPECTED_ERRORS = Map.of(
            // "A COPC fragment that refers to an attachment that never arrives": it cannot be processed (30).
            "large-message/missing-attachment-error/copc_error_missing_attachment.json",
            List.of("attachments LARGE_MESSAGE_GENERAL_FAILURE"));

    @TestFactory
    Stream<DynamicTest> everyMessageInSourcesReadsWithItsValues() {
        assumeFixtures();
        return Fixtures.table().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> {
            Gp2gpMessage message = parse(row.file());
            for (Map.Entry<String, String> expected : row.values().entrySet()) {
                Function<Gp2gpMessage, Object> key = KEYS.get(expected.getKey());
                if (key == null) {
                    fail("SOURCES.md gives " + expected.getKey() + ", which this test does not check yet");
                }
                Object actual = key.apply(message);
                assertTrue(expected.getValue().equalsIgnoreCase(String.valueOf(actual)),
                        row.file() + " " + expected.getKey() + ": expected " + expected.getValue() + " but read "
                                + actual);
            }
            assertEquals(EXPECTED_ERRORS.getOrDefault(row.file(), List.of()),
                    message.errors().stream().map(v -> v.field() + " " + v.nackCode()).toList(),
                    row.file() + ": the errors it should have, and no others");
        }));
    }

    @Test
    void sourcesListsEveryMessageInTheFolder() {
        assumeFixtures();
        List<String> listed = Fixtures.table().stream().map(Fixtures.Row::file).sorted().toList();
        assertEquals(Fixtures.messageFiles(), listed);
    }

    @TestFactory
    Stream<DynamicTest> theSplitMessagesReadTogether() {
        assumeFixtures();
        return Stream.of("ehr-request/ga-request", "ehr-extract/ps-small", "ehr-extract/ps-external-attachments",
                "ehr-extract/ps-uk07-confidentiality", "continue/ga-continue", "fragment/ps-fragment-index",
                "ack/ga-final-ack", "ack/ps-ack").map(name -> DynamicTest.dynamicTest(name, () -> {
                    Gp2gpMessage envelope = new MessageParser().parseXml(stream(name + ".ebxml.xml"));
                    Gp2gpMessage payload = new MessageParser().parseXml(stream(name + ".payload.xml"));
                    assertEquals(List.of(), envelope.errors(), name);
                    assertEquals(List.of(), payload.errors(), name);
                    assertEquals(envelope.envelope().action(), payload.payload().header().interactionId());
                }));
    }

    @Test
    void theFragmentIndexListsItsFragmentsInOrder() {
        assumeFixtures();
        Gp2gpMessage index = parse("large-message/scenario-4/copc_index.json");
        FragmentIndex fragments = index.fragmentIndex().orElseThrow();
        assertEquals(List.of("28B31-4245-4AFC-8DA2-8A40623A5101", "24AED038-FF3E-466D-820A-AE1B334D68EE"),
                fragments.fragments().stream().map(ExternalAttachment::messageId).toList());
        Gp2gpMessage fragment = parse("large-message/scenario-4/copc1.json");
        assertEquals(CopcUse.FRAGMENT, fragment.copcUse().orElseThrow());
        assertEquals(1, fragments.positionOf(fragment.messageId()), "the index names its fragment's message id");
    }

    @Test
    void aContinueRequestNamesTheExtractItAcknowledges() {
        assumeFixtures();
        Gp2gpMessage message = parse("continue/ga-continue.payload.xml");
        CopcMessage copc = (CopcMessage) message.payload();
        assertEquals(CopcUse.CONTINUE_REQUEST, message.copcUse().orElseThrow());
        assertEquals("6E242658-3D8E-11E3-A7DC-172BDA00FA67", copc.acknowledgedMessageId());
        assertEquals("0", copc.continueCode());
        assertEquals("B83002", copc.toOds());
    }

    @Test
    void visionsUndeclaredPrefixesAndItsAttachmentCodeAreTolerated() {
        assumeFixtures();
        Gp2gpMessage extract = parse("large-message/scenario-6/uk06.json");
        assertEquals("A28009-821605", extract.envelope().fromPartyId());
        ExternalAttachment index = extract.externalAttachments().get(0);
        assertTrue(index.description().largeAttachment());
        assertEquals("588210BB-401D-41F9-84D2-978697CEEFE5_00011000.tif", index.description().filename());
        // Vision marks its attachment messages GP2GP_PI, the continue request's code.
        assertEquals(CopcUse.FRAGMENT_INDEX, parse("large-message/scenario-6/copc_index.json").copcUse().orElseThrow());
        assertEquals(CopcUse.FRAGMENT, parse("large-message/scenario-6/copc0.json").copcUse().orElseThrow());
    }

    @Test
    void anExtractListsItsAttachmentReferencesAndARedactedOneSaysSo() {
        assumeFixtures();
        EhrExtract extract = (EhrExtract) parse("ehr-extract/ps-external-attachments.payload.xml").payload();
        assertEquals(List.of("_1C135B3C-5AA5-4BF1-A08B-E6002455B806", "_277F29F1-FEAB-4D38-8266-FEB7A1E6227D"),
                extract.documents().stream().limit(2).map(DocumentReference::documentId).toList());
        assertEquals("1C135B3C-5AA5-4BF1-A08B-E6002455B806_image.tif", extract.documents().get(0).fileName());
        assertEquals(false, extract.redacted());
        assertEquals(true, ((EhrExtract) parse("ehr-extract/ps-uk07-confidentiality.payload.xml").payload()).redacted());
        Gp2gpMessage envelope = parse("ehr-extract/ps-external-attachments.ebxml.xml");
        assertEquals(3, envelope.externalAttachments().size());
        assertTrue(envelope.externalAttachments().get(0).description().compressed());
    }

    @Test
    void placeholderNhsNumbersAreReportedAsWarnings() {
        assumeFixtures();
        Gp2gpMessage message = parse("ehr-extract/pwtp2.xml");
        assertEquals("Test Harness", message.nhsNumber());
        assertTrue(message.warnings().stream().anyMatch(v -> v.field().equals("nhsNumber")));
    }

    static Gp2gpMessage parse(String file) {
        String type = file.endsWith(".json") ? "application/json" : "application/xml";
        return new MessageParser().parse(stream(file), type);
    }

    private static ByteArrayInputStream stream(String file) {
        return new ByteArrayInputStream(Fixtures.text(file).getBytes(StandardCharsets.UTF_8));
    }

    /** Skips without the shared fixtures (a plain clone); ./hub test says so in one line. */
    static void assumeFixtures() {
        assumeTrue(Fixtures.present(), Fixtures.SKIPPED);
    }
}

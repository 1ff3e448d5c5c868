package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The project's own small messages, each wrong in one way (src/test/resources/messages), and the
 * big ones made in code: what is wrong is said precisely, with the NACK code where one applies,
 * and hostile input is refused before it can do harm.
 */
class MessageEdgeCasesTest {

    private final MessageParser parser = new MessageParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing-nhs-number.xml | nhsNumber   | REQUEST_MALFORMED | recordTarget/patient/id/@extension | missing
            bad-check-digit.xml    | nhsNumber   | REQUEST_MALFORMED | recordTarget/patient/id/@extension | modulus 11
            wrong-namespace.xml    | payload     | REQUEST_MALFORMED | /RCMR_IN010000UK05                 | namespace
            """)
    void aReadableMessageWithAFaultSaysWhichFieldWhereAndTheNackCode(String file, String field, NackCode code,
            String location, String detail) {
        Gp2gpMessage message = parser.parse(resource(file), "application/xml");
        assertEquals(1, message.errors().size(), () -> message.errors().toString());
        Violation error = message.errors().get(0);
        assertEquals(field, error.field());
        assertEquals(code, error.nackCode());
        assertEquals("18", error.nackCode().code());
        assertTrue(error.location().contains(location), error.location());
        assertTrue(error.describe().contains(detail), error.describe());
        assertTrue(error.expected() != null && !error.expected().isBlank());
        assertFalse(error.describe().contains("9990000019"), "never echoes the NHS number");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated.xml             | xml            | xml line     | not well-formed XML
            doctype-entities.xml      | xml            | xml line 7   | DOCTYPE and entity declarations are not allowed
            external-entity.xml       | xml            | xml line 2   | DOCTYPE and entity declarations are not allowed
            undeclared-entity.xml     | xml            | xml line 3   | "secret" was referenced, but not declared
            unknown-interaction.xml   | xml            | /PRPA_IN000203UK03 | unknown interaction id PRPA_IN000203UK03
            not-a-gp2gp-message.xml   | xml            | /html        | not a GP2GP message
            not-json.json             | json           | json line    | not a JSON object
            json-without-payload.json | json           | json         | neither ebXML nor payload
            """)
    void unreadableOrHostileInputIsRefusedSayingWhere(String file, String field, String location, String detail) {
        String type = file.endsWith(".json") ? "application/json" : "application/xml";
        MessageProblem problem = assertThrows(MessageProblem.class, () -> parser.parse(resource(file), type));
        Violation v = problem.violations().get(0);
        assertEquals(field, v.field());
        assertTrue(v.location().startsWith(location), v.location());
        assertTrue(v.detail().contains(detail), v.detail());
        assertTrue(v.isError());
    }

    @Test
    void anAcknowledgementWithoutAReasonIsReadWithAWarning() {
        Gp2gpMessage message = parser.parse(resource("ack-without-reason.xml"), "text/xml");
        assertEquals(List.of(), message.errors());
        assertEquals(Acknowledgement.Type.AE, ((Acknowledgement) message.payload()).type());
        assertTrue(message.warnings().stream().anyMatch(w -> w.field().equals("reasonCode")));
        assertEquals("0B3E6B4C-8D1A-4F2E-9C5B-7A6D5E4F3A21", message.refersTo());
    }

    @Test
    void theValidRequestHasNoFindingsAtAll() {
        Gp2gpMessage message = parser.parse(resource("valid-request.xml"), "application/xml");
        assertEquals(List.of(), message.findings());
        assertEquals("9990000018", message.nhsNumber());
        assertEquals("P99001", message.fromOds());
        assertEquals("900000000002", message.toAsid());
    }

    @Test
    void tenThousandLevelsOfNestingAreRefusedWherever() {
        String deep = "<RCMR_IN030000UK06 xmlns=\"urn:hl7-org:v3\">" + "<a>".repeat(10_000) + "</a>".repeat(10_000)
                + "</RCMR_IN030000UK06>";
        MessageProblem raw = assertThrows(MessageProblem.class, () -> parser.parse(stream(deep), "application/xml"));
        assertTrue(raw.violations().get(0).detail().contains("deeper than 256"));
        assertTrue(raw.violations().get(0).location().startsWith("xml line 1, column"));

        Gp2gpMessage extract = MessageFactoryTest.extractWithFiles();
        String json = "{\"ebXML\": " + quoted(EbxmlWriter.toXml(extract.envelope())) + ", \"payload\": "
                + quoted(deep) + "}";
        MessageProblem inJson = assertThrows(MessageProblem.class, () -> parser.parse(stream(json), "application/json"));
        assertEquals("payload", inJson.violations().get(0).field());
    }

    @Test
    void anExtractWith98AttachmentsIsReadWholeAnd99GetAWarning() {
        Gp2gpMessage built = TestMessages.extract(IntStream.range(0, 98)
                .mapToObj(i -> OutgoingFile.inline("file" + i + ".txt", "text/plain", 1000 + i)).toList());
        Gp2gpMessage read = TestMessages.throughMultipart(built);
        assertEquals(98, read.attachments().size());
        assertEquals(List.of(), read.findings());
        assertEquals(98, ((EhrExtract) read.payload()).documents().size());
        assertEquals(1097L, read.attachments().get(97).length());

        Gp2gpMessage tooMany = TestMessages.throughMultipart(TestMessages.extract(IntStream.range(0, 99)
                .mapToObj(i -> OutgoingFile.inline("file" + i + ".txt", "text/plain", 10)).toList()));
        assertTrue(tooMany.warnings().stream().anyMatch(w -> w.detail().contains("at most 98")));
    }

    @Test
    void sizeLimitsAreEnforcedWhileStreaming() {
        MessageParser small = new MessageParser(MessageLimits.defaults().withMaxPayloadBytes(1024));
        MessageProblem problem = assertThrows(MessageProblem.class,
                () -> small.parse(resource("valid-request.xml"), "application/xml"));
        assertTrue(problem.violations().get(0).detail().contains("larger than the limit of 1024 bytes"));

        MessageParser smallAttachments = new MessageParser(MessageLimits.defaults().withMaxAttachmentBytes(100));
        byte[] wire = TestMessages.multipart(TestMessages.extract(List.of(OutgoingFile.inline("a.txt", "text/plain",
                5000))));
        assertThrows(MessageProblem.class, () -> smallAttachments.parse(new ByteArrayInputStream(wire),
                MultipartEbxmlWriter.CONTENT_TYPE));

        MessageParser smallJson = new MessageParser(MessageLimits.defaults().withMaxJsonBytes(200));
        assertThrows(MessageProblem.class, () -> smallJson.parse(stream("{\"payload\": \"" + "x".repeat(500) + "\"}"),
                "application/json"));
    }

    @Test
    void theContentTypeOrTheFirstCharacterChoosesTheForm() {
        assertEquals("RCMR_IN010000UK05", parser.parse(resource("valid-request.xml"), null).interactionId());
        MessageProblem problem = assertThrows(MessageProblem.class,
                () -> parser.parse(resource("valid-request.xml"), "image/png"));
        assertEquals("Content-Type", problem.violations().get(0).field());
    }

    @Test
    void anEbxmlEnvelopeWhoseActionDisagreesWithThePayloadIsAnError() {
        Gp2gpMessage request = TestMessages.request();
        EbxmlEnvelope e = request.envelope();
        EbxmlEnvelope wrong = new EbxmlEnvelope(e.fromPartyId(), e.toPartyId(), e.cpaId(), e.conversationId(),
                e.service(), "MCCI_IN010000UK13", e.messageId(), e.timestamp(), null, true, true, e.references());
        Gp2gpMessage read = TestMessages.throughMultipart(new Gp2gpMessage(wrong, request.payload(), List.of(),
                List.of(), List.of()));
        assertTrue(read.errors().stream().anyMatch(v -> v.field().equals("interactionId")), read.errors()::toString);
    }

    static InputStream resource(String name) {
        InputStream in = MessageEdgeCasesTest.class.getResourceAsStream("/messages/" + name);
        if (in == null) {
            throw new UncheckedIOException(new IOException("No test message " + name));
        }
        return in;
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String quoted(String text) {
        List<String> parts = new ArrayList<>();
        parts.add("\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"");
        return parts.get(0);
    }
}

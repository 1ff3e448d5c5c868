package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The wire form read part by part: envelope, payload, attachments matched by Content-Id, streamed. */
class MultipartEbxmlReaderTest {

    @Test
    void readsTheEnvelopeThePayloadAndEachAttachmentWithItsManifestReference() throws Exception {
        byte[] pdf = randomBytes(100_000);
        byte[] text = "a short letter".getBytes(StandardCharsets.UTF_8);
        Gp2gpMessage built = TestMessages.extract(List.of(
                OutgoingFile.inline("scan.pdf", "application/pdf", base64(pdf).length),
                OutgoingFile.inline("letter.txt", "text/plain", base64(text).length)));
        byte[] wire = write(built, List.of(base64(pdf), base64(text)));

        try (MultipartEbxmlReader reader = MultipartEbxmlReader.open(new ByteArrayInputStream(wire),
                MultipartEbxmlWriter.CONTENT_TYPE, MessageLimits.defaults())) {
            assertEquals(built.envelope(), reader.envelope());
            assertEquals(built.payload(), reader.readPayload());
            MimePart first = reader.nextAttachment();
            assertEquals(built.attachments().get(0).contentId(), first.contentId());
            assertEquals("application/pdf", first.contentType());
            assertEquals(built.envelope().references().get(1), first.reference());
            assertEquals(3, first.index());
            assertArrayEquals(pdf, first.decoded().readAllBytes());
            MimePart second = reader.nextAttachment();
            assertArrayEquals(text, second.decoded().readAllBytes());
            assertNull(reader.nextAttachment());
            assertEquals(List.of(), reader.notes());
        }
    }

    @Test
    void partsNotReadAreSkippedAndTheNextOneIsStillFound() throws Exception {
        Gp2gpMessage built = TestMessages.extract(List.of(OutgoingFile.inline("a.txt", "text/plain", 70_000),
                OutgoingFile.inline("b.txt", "text/plain", 5)));
        byte[] wire = TestMessages.multipart(built);
        try (MultipartEbxmlReader reader = MultipartEbxmlReader.open(new ByteArrayInputStream(wire),
                MultipartEbxmlWriter.CONTENT_TYPE, MessageLimits.defaults())) {
            MimePart a = reader.nextAttachment();
            assertEquals('Q', a.content().read(), "read one byte of the first, leave the rest");
            MimePart b = reader.nextAttachment();
            assertEquals("QQQQQ", new String(b.content().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void bareLineFeedsAPreambleAndAnEpilogueAreTolerated() {
        Gp2gpMessage built = TestMessages.extract(List.of(OutgoingFile.inline("a.txt", "text/plain", 12)));
        String wire = new String(TestMessages.multipart(built), StandardCharsets.UTF_8).replace("\r\n", "\n");
        String withPreamble = "This is a multi-part message in MIME format.\n" + wire + "epilogue\n";
        Gp2gpMessage read = new MessageParser().parse(new ByteArrayInputStream(withPreamble.getBytes(
                StandardCharsets.UTF_8)), MultipartEbxmlWriter.CONTENT_TYPE);
        assertEquals(List.of(), read.findings());
        assertEquals(12L, read.attachments().get(0).length());
    }

    @Test
    void contentsReachTheSinkByteForByteAcrossBufferBoundaries() {
        byte[] big = randomBytes(300_000);
        Gp2gpMessage built = TestMessages.extract(List.of(
                OutgoingFile.inline("big.bin", "application/octet-stream", base64(big).length)));
        byte[] wire = write(built, List.of(base64(big)));
        List<byte[]> received = new ArrayList<>();
        Gp2gpMessage read = new MessageParser().parse(new ByteArrayInputStream(wire), MultipartEbxmlWriter.CONTENT_TYPE,
                part -> received.add(part.decoded().readAllBytes()));
        assertArrayEquals(big, received.get(0));
        assertEquals((long) base64(big).length, read.attachments().get(0).length());
    }

    @Test
    void whatIsWrongWithTheMimeIsSaid() {
        byte[] wire = TestMessages.multipart(TestMessages.request());
        MessageParser parser = new MessageParser();
        assertProblem(() -> parser.parse(new ByteArrayInputStream(wire), "multipart/related"), "boundary");
        assertProblem(() -> parser.parse(new ByteArrayInputStream(wire), "multipart/related; boundary=other"),
                "no line with the boundary");
        byte[] cut = java.util.Arrays.copyOf(wire, wire.length - 30);
        assertProblem(() -> parser.parse(new ByteArrayInputStream(cut), MultipartEbxmlWriter.CONTENT_TYPE),
                "without its closing boundary");
        String onlyEnvelope = new String(wire, StandardCharsets.UTF_8);
        onlyEnvelope = onlyEnvelope.substring(0, onlyEnvelope.indexOf("\r\n--" + MultipartEbxmlWriter.BOUNDARY, 10))
                + "\r\n--" + MultipartEbxmlWriter.BOUNDARY + "--\r\n";
        String body = onlyEnvelope;
        assertProblem(() -> parser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                MultipartEbxmlWriter.CONTENT_TYPE), "no HL7 payload part");
    }

    @Test
    void aPartTheManifestNamesButTheMessageLacksIsAnErrorWithTheNackCode() {
        Gp2gpMessage built = TestMessages.extract(List.of(OutgoingFile.inline("a.txt", "text/plain", 12)));
        Gp2gpMessage withoutPart = new Gp2gpMessage(built.envelope(), built.payload(), List.of(), List.of(),
                List.of());
        Gp2gpMessage read = TestMessages.throughMultipart(withoutPart);
        assertEquals(1, read.errors().size());
        assertEquals(NackCode.EXTRACT_MALFORMED, read.errors().get(0).nackCode());
        assertTrue(read.errors().get(0).expected().contains(built.attachments().get(0).contentId()));
    }

    private static void assertProblem(org.junit.jupiter.api.function.Executable parse, String detail) {
        MessageProblem problem = assertThrows(MessageProblem.class, parse);
        assertTrue(problem.getMessage().contains(detail), problem.getMessage());
    }

    private static byte[] write(Gp2gpMessage message, List<byte[]> contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartEbxmlWriter.write(message, a -> {
            InputStream in = new ByteArrayInputStream(contents.get(message.attachments().indexOf(a)));
            return in;
        }, out);
        return out.toByteArray();
    }

    private static byte[] base64(byte[] bytes) {
        return Base64.getMimeEncoder().encode(bytes);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}

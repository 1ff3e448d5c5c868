package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each real message, read, written again by our builders and read back, keeps its identifiers and
 * attachment references: payload record, envelope, inline parts and external references.
 */
class RealMessagesRoundTripTest {

    @TestFactory
    Stream<DynamicTest> parseBuildParseKeepsIdentifiersAndAttachmentReferences() {
        RealMessagesTest.assumeFixtures();
        return Fixtures.table().stream().map(row -> DynamicTest.dynamicTest(row.file(), () -> {
            Map<String, byte[]> contents = new HashMap<>();
            Gp2gpMessage original = new MessageParser().parse(
                    new ByteArrayInputStream(Fixtures.text(row.file()).getBytes(StandardCharsets.UTF_8)),
                    row.file().endsWith(".json") ? "application/json" : "application/xml",
                    part -> contents.put(part.contentId(), part.content().readAllBytes()));
            Gp2gpMessage again = rebuilt(original, contents);

            assertEquals(original.payload(), again.payload(), "the payload's values");
            assertEquals(original.envelope(), again.envelope(), "the envelope with its manifest");
            assertEquals(ids(original), ids(again), "the inline parts");
            assertEquals(original.externalAttachments().stream().map(ExternalAttachment::messageId).toList(),
                    again.externalAttachments().stream().map(ExternalAttachment::messageId).toList());
            assertEquals(original.errors(), again.errors());
        }));
    }

    /** The whole message goes through the wire form; a part on its own is written and read alone. */
    private static Gp2gpMessage rebuilt(Gp2gpMessage original, Map<String, byte[]> contents) {
        MessageParser parser = new MessageParser();
        if (original.envelope() != null && original.payload() != null) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            MultipartEbxmlWriter.write(original, a -> new ByteArrayInputStream(contents.get(a.contentId())), wire);
            return parser.parseMultipart(new ByteArrayInputStream(wire.toByteArray()),
                    MultipartEbxmlWriter.CONTENT_TYPE, AttachmentSink.DISCARD);
        }
        String xml = original.payload() != null ? Hl7Writer.toXml(original.payload())
                : EbxmlWriter.toXml(original.envelope());
        Gp2gpMessage read = parser.parseXml(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        // The JSON envelope's own lists (no ebXML) do not travel with a payload written alone.
        return new Gp2gpMessage(read.envelope(), read.payload(), original.attachments(),
                original.envelope() == null ? original.externalAttachments() : read.externalAttachments(),
                read.findings());
    }

    private static List<String> ids(Gp2gpMessage message) {
        return message.attachments().stream().map(a -> a.contentId() + " " + a.length() + " " + a.base64()).toList();
    }
}

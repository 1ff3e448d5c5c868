package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.message.TestMessages.CONVERSATION;
import static uk.nhs.gp2gp.message.TestMessages.FACTORY;
import static uk.nhs.gp2gp.message.TestMessages.REQUESTER;
import static uk.nhs.gp2gp.message.TestMessages.SENDER;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every message we build reads back with the same values, through the wire form and the JSON envelope. */
class MessageFactoryTest {

    private static final String UUID = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";

    static Stream<Gp2gpMessage> everyKind() {
        Gp2gpMessage extract = extractWithFiles();
        String index = extract.externalAttachments().get(0).messageId();
        return Stream.of(TestMessages.request(), extract,
                FACTORY.ehrExtract(Interaction.EHR_EXTRACT_UK07, CONVERSATION,
                        (EhrRequest) TestMessages.request().payload(), SENDER, REQUESTER, List.of(), true),
                TestMessages.extract(List.of(new OutgoingFile("original.xml.gz", "text/xml", 120, true, true,
                        false, true))),
                FACTORY.acknowledgement(CONVERSATION, REQUESTER, SENDER, extract.messageId(), Acknowledgement.Type.AA,
                        null, null),
                FACTORY.acknowledgement(CONVERSATION, SENDER, REQUESTER, "5E1A2B3C-4D5E-4F60-8172-93A4B5C6D7E8",
                        Acknowledgement.Type.AE, "06", "Patient not at surgery"),
                FACTORY.continueRequest(CONVERSATION, REQUESTER, SENDER, extract.messageId()),
                FACTORY.fragmentIndex(CONVERSATION, SENDER, REQUESTER, index, "scan.tif", List.of(4500L, 300L)),
                FACTORY.fragment(CONVERSATION, SENDER, REQUESTER, index,
                        OutgoingFile.inline("scan.tif", "image/tiff", 4096)));
    }

    @TestFactory
    Stream<DynamicTest> whatIsBuiltReadsBackTheSameThroughMultipart() {
        return everyKind().map(built -> DynamicTest.dynamicTest(name(built), () -> {
            Gp2gpMessage read = TestMessages.throughMultipart(built);
            assertEquals(List.of(), read.errors());
            assertEquals(built, TestMessages.withoutFindings(read));
        }));
    }

    @TestFactory
    Stream<DynamicTest> whatIsBuiltReadsBackTheSameThroughTheJsonEnvelope() {
        return everyKind().map(built -> DynamicTest.dynamicTest(name(built), () -> {
            Gp2gpMessage read = TestMessages.throughJson(built);
            assertEquals(List.of(), read.errors());
            assertEquals(built, TestMessages.withoutFindings(read));
        }));
    }

    /** Every interaction the hub builds, each use of the COPC and the extracts the workflow sends from stored records. */
    @TestFactory
    Stream<DynamicTest> whatIsBuiltIsValidAgainstTheHl7Schemas() throws IOException {
        RealMessagesTest.assumeFixtures();
        Gp2gpMessage record;
        try (InputStream in = Files.newInputStream(Fixtures.ROOT.resolve("ehr-extract/ps-small.payload.xml"))) {
            record = FACTORY.ehrExtractOfRecord(CONVERSATION, Fixtures.EHR_MESSAGE_REF, in, SENDER, REQUESTER,
                    List.of(new Attachment("letter@hub", "text/plain", true, 8,
                            AttachmentDescription.parse(AttachmentDescription.of("letter.txt", "text/plain", 6)), null)),
                    List.of(new ExternalAttachment("5D1E2F3A-4B5C-4D6E-8F70-8192A3B4C5D6", null,
                            AttachmentDescription.parse(AttachmentDescription.of("scan.tif", "image/tiff", 9_000_000)))));
        }
        Gp2gpMessage skeleton = FACTORY.skeletonExtract(record, TestMessages.NHS_NUMBER, SENDER, REQUESTER, 4_000_000,
                false);
        List<Gp2gpMessage> built = Stream.concat(everyKind(), Stream.of(record, skeleton)).toList();
        List<Interaction> withoutSchema = Stream.of(Interaction.values())
                .filter(i -> !Hl7Schemas.exist(i.id())).toList();
        assertEquals(List.of(Interaction.EHR_REQUEST), withoutSchema, "the fixtures have no schema for the request only");
        assertEquals(Set.of(Interaction.values()), built.stream().map(m -> m.payload().interaction())
                .collect(Collectors.toSet()), "every interaction is built");
        return built.stream().filter(m -> Hl7Schemas.exist(m.interactionId()))
                .map(m -> DynamicTest.dynamicTest(name(m), () ->
                        Hl7Schemas.validate(m.payload().header().interactionId(), Hl7Writer.toXml(m.payload()))));
    }

    @Test
    void newIdsAreUpperCaseUuidsAndTheExtractUsesOneIdThroughout() {
        Gp2gpMessage extract = extractWithFiles();
        EhrExtract payload = (EhrExtract) extract.payload();
        assertTrue(extract.messageId().matches(UUID));
        assertEquals(extract.messageId(), payload.header().messageId());
        assertEquals(extract.messageId(), payload.extractId());
        assertEquals("20260301101530", payload.header().creationTime());
        assertEquals("2026-03-01T10:15:30Z", extract.envelope().timestamp());
        assertEquals(CONVERSATION, extract.conversationId());
    }

    @Test
    void aStoredUk07RecordGoesOnAsUk07AndABareExtractAsUk06() {
        Gp2gpMessage uk07 = FACTORY.ehrExtract(Interaction.EHR_EXTRACT_UK07, CONVERSATION,
                (EhrRequest) TestMessages.request().payload(), SENDER, REQUESTER, List.of(), false);
        String stored = Hl7Writer.toXml(uk07.payload());
        Gp2gpMessage resent = FACTORY.ehrExtractOfRecord(CONVERSATION, "REQ", new java.io.ByteArrayInputStream(
                stored.getBytes(java.nio.charset.StandardCharsets.UTF_8)), SENDER, REQUESTER, List.of(), List.of());
        assertEquals(Interaction.EHR_EXTRACT_UK07.id(), resent.interactionId());
        assertTrue(Hl7Writer.toXml(resent.payload()).startsWith("<RCMR_IN030000UK07"));
        String bare = stored.substring(stored.indexOf("<EhrExtract"), stored.indexOf("</EhrExtract>") + 13)
                .replace("<EhrExtract", "<EhrExtract xmlns=\"urn:hl7-org:v3\"");
        assertEquals(Interaction.EHR_EXTRACT.id(), FACTORY.ehrExtractOfRecord(CONVERSATION, "REQ",
                new java.io.ByteArrayInputStream(bare.getBytes(java.nio.charset.StandardCharsets.UTF_8)), SENDER,
                REQUESTER, List.of(), List.of()).interactionId());
    }

    @Test
    void hl7TimesAreUkLocalTimeAndEbxmlTimesUtc() {
        MessageFactory summer = new MessageFactory(Clock.fixed(Instant.parse("2026-07-01T10:15:30Z"), ZoneOffset.UTC));
        Gp2gpMessage ack = summer.acknowledgement(CONVERSATION, REQUESTER, SENDER, "REF", Acknowledgement.Type.AA,
                null, null);
        assertEquals("20260701111530", ack.payload().header().creationTime(),
                "British Summer Time, as the adaptors write");
        assertEquals("2026-07-01T10:15:30Z", ack.envelope().timestamp());
        assertEquals("20260301101530", ((EhrExtract) extractWithFiles().payload()).header().creationTime(),
                "Greenwich Mean Time in winter");
    }

    @Test
    void theExtractAnswersItsRequestAndTheAcknowledgementItsMessage() {
        Gp2gpMessage request = TestMessages.request();
        EhrRequest ehrRequest = (EhrRequest) request.payload();
        Gp2gpMessage extract = FACTORY.ehrExtract(CONVERSATION, ehrRequest, SENDER, REQUESTER, List.of());
        assertEquals(ehrRequest.requestId(), ((EhrExtract) extract.payload()).requestId());
        assertNotEquals(ehrRequest.requestId(), request.messageId(), "the request id is its own id");
        assertEquals(TestMessages.NHS_NUMBER, extract.nhsNumber());
        assertEquals("P99002", extract.fromOds());
        assertEquals("P99001", extract.toOds());
        assertEquals(REQUESTER.asid(), extract.toAsid(), "Rcv is the requester's system");

        Gp2gpMessage ack = FACTORY.acknowledgement(CONVERSATION, REQUESTER, SENDER, extract.messageId(),
                Acknowledgement.Type.AE, "11", "Failed to integrate");
        Acknowledgement nack = (Acknowledgement) ack.payload();
        assertEquals(extract.messageId(), ack.refersTo());
        assertEquals(new AckReason("11", "Failed to integrate"), nack.issueReason());
        assertEquals(nack.issueReason(), nack.detailReason(), "the reason in both places");
    }

    @Test
    void filesBecomeManifestReferencesDocumentsAndDescriptions() {
        Gp2gpMessage extract = extractWithFiles();
        EhrExtract payload = (EhrExtract) extract.payload();
        assertEquals(3, extract.envelope().references().size());
        Attachment inline = extract.attachments().get(0);
        ManifestReference cid = extract.envelope().references().get(1);
        assertEquals("cid:" + inline.contentId(), cid.href());
        assertTrue(payload.documents().get(0).isNamedBy(cid.documentId()));
        assertEquals("_" + payload.documents().get(0).documentId(), cid.documentId());
        assertTrue(payload.documents().get(0).fileName().endsWith("_letter.pdf"));
        assertEquals(cid.description(), inline.description().text());
        assertEquals(2048L, inline.description().length());
        ExternalAttachment large = extract.externalAttachments().get(0);
        assertTrue(large.description().largeAttachment());
        assertEquals("mid:" + large.messageId(), extract.envelope().references().get(2).href());
    }

    @Test
    void aFragmentIndexListsNewMessageIdsForItsFragmentsInOrder() {
        Gp2gpMessage index = FACTORY.fragmentIndex(CONVERSATION, SENDER, REQUESTER, "INDEX-ID", "scan.tif",
                List.of(10L, 20L, 30L));
        FragmentIndex fragments = index.fragmentIndex().orElseThrow();
        assertEquals(3, fragments.fragments().size());
        assertTrue(fragments.fragments().get(2).description().filename().equals("INDEX-ID_2.messageattachment"));
        assertEquals(CopcUse.FRAGMENT_INDEX, index.copcUse().orElseThrow());
    }

    static Gp2gpMessage extractWithFiles() {
        return TestMessages.extract(List.of(OutgoingFile.inline("letter.pdf", "application/pdf", 2048),
                OutgoingFile.external("scan.tif", "image/tiff", 9_000_000, true)));
    }

    private static String name(Gp2gpMessage message) {
        return message.interactionId() + message.copcUse().map(u -> " " + u).orElse("")
                + (message.payload() instanceof Acknowledgement a ? " " + a.type() : "")
                + (message.payload() instanceof EhrExtract x && x.isSkeleton() ? " skeleton" : "")
                + (message.payload() instanceof EhrExtract y && y.recordXml() != null ? " of a stored record" : "")
                + " with " + message.attachments().size() + " inline, " + message.externalAttachments().size()
                + " external";
    }
}

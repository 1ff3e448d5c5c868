package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inspector's summary: the fields the tools endpoint answers with. */
class MessageInspectorTest {

    private final MessageInspector inspector = new MessageInspector(MessageLimits.defaults());

    @Test
    void anExtractInItsWireFormListsItsInlineAndExternalAttachments() {
        Gp2gpMessage built = MessageFactoryTest.extractWithFiles();
        Inspection i = inspector.inspect(new ByteArrayInputStream(TestMessages.multipart(built)),
                MultipartEbxmlWriter.CONTENT_TYPE);
        assertEquals("RCMR_IN030000UK06", i.interactionId());
        assertEquals(built.messageId(), i.messageId());
        assertEquals(TestMessages.CONVERSATION, i.conversationId());
        assertEquals(TestMessages.NHS_NUMBER, i.nhsNumber());
        assertEquals("P99002", i.fromOds());
        assertEquals("P99001", i.toOds());
        assertEquals(2, i.attachments().size());
        Inspection.AttachmentSummary inline = i.attachments().get(0);
        assertEquals(built.attachments().get(0).contentId(), inline.contentId());
        assertEquals(2048L, inline.length());
        assertEquals(false, inline.external());
        Inspection.AttachmentSummary external = i.attachments().get(1);
        assertEquals(true, external.external());
        assertEquals(true, external.largeAttachment());
        assertEquals(9_000_000L, external.length());
        assertEquals(List.of(), i.errors());
    }

    @Test
    void aNegativeAcknowledgementSaysItsTypeAndReason() {
        Gp2gpMessage ack = TestMessages.FACTORY.acknowledgement(TestMessages.CONVERSATION, TestMessages.SENDER,
                TestMessages.REQUESTER, "REQUEST-MESSAGE-ID", Acknowledgement.Type.AE, "06", "Patient not at surgery");
        Inspection i = inspector.inspect(new ByteArrayInputStream(
                Hl7Writer.toXml(ack.payload()).getBytes(StandardCharsets.UTF_8)), "application/xml");
        assertEquals("AE", i.ackType());
        assertEquals("06", i.reasonCode());
        assertEquals("REQUEST-MESSAGE-ID", i.refersTo());
        assertTrue(i.warnings().stream().anyMatch(w -> w.field().equals("refersTo")), "not a UUID");
    }

    @Test
    void aFragmentIndexListsItsFragmentsInOrder() {
        Gp2gpMessage index = TestMessages.FACTORY.fragmentIndex(TestMessages.CONVERSATION, TestMessages.SENDER,
                TestMessages.REQUESTER, "8C7B6A59-4E3D-4C2B-9A18-0F9E8D7C6B5A", "scan.tif", List.of(4500L, 120L));
        Inspection i = inspector.inspect(new ByteArrayInputStream(TestMessages.multipart(index)),
                MultipartEbxmlWriter.CONTENT_TYPE);
        assertEquals("FRAGMENT_INDEX", i.copcUse());
        assertEquals(2, i.fragments().size());
        assertEquals(index.externalAttachments().get(1).messageId(), i.fragments().get(1).messageId());
        assertEquals(120L, i.fragments().get(1).length());
    }
}

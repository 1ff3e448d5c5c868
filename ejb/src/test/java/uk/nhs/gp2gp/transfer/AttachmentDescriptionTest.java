package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AttachmentDescriptionTest {

    @Test
    void readsTheMultiLineFormRealSendersUse() {
        AttachmentDescription d = AttachmentDescription.parse("""
                Filename="7CCB6A77-360E-434E-8CF4-97C7C2B47D70_book.txt"
                ContentType=text/plain
                Compressed=Yes
                LargeAttachment=No
                OriginalBase64=Yes
                Length=4718592
                """);
        assertEquals("7CCB6A77-360E-434E-8CF4-97C7C2B47D70_book.txt", d.filename());
        assertEquals("text/plain", d.contentType());
        assertTrue(d.compressed());
        assertFalse(d.largeAttachment());
        assertTrue(d.originalBase64());
        assertEquals(4718592, d.length());
    }

    @Test
    void anEmisStyleDescriptionIsJustAFileName() {
        AttachmentDescription d = AttachmentDescription.parse("31B75ED0_patient-attachment.txt");
        assertEquals("31B75ED0_patient-attachment.txt", d.filename());
        assertNull(d.contentType());
        assertFalse(d.compressed());
        assertEquals(0, d.length());
    }

    @Test
    void whatWeWriteReadsBack() {
        AttachmentDescription d = AttachmentDescription.parse(AttachmentDescription.of("a \"b\".pdf", "application/pdf", 12));
        assertEquals("a b.pdf", d.filename());
        assertEquals("application/pdf", d.contentType());
        assertEquals(12, d.length());
        assertFalse(d.compressed());
    }
}

package uk.nhs.gp2gp.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Attachment descriptions as real senders write them (protocol 3.7). */
class AttachmentDescriptionTest {

    @Test
    void keysOverSeveralLinesAsTheNhsAdaptorsWriteThem() {
        AttachmentDescription d = AttachmentDescription.parse("""
                    Filename="7CCB6A77-360E-434E-8CF4-97C7C2B47D70_book.txt"
                    ContentType=text/plain
                    Compressed=No
                    LargeAttachment=Yes
                    OriginalBase64=Yes
                    Length=4718592
                """);
        assertEquals("7CCB6A77-360E-434E-8CF4-97C7C2B47D70_book.txt", d.filename());
        assertEquals("text/plain", d.contentType());
        assertFalse(d.compressed());
        assertTrue(d.largeAttachment());
        assertTrue(d.originalBase64());
        assertEquals(4718592L, d.length());
    }

    @Test
    void compressedAndNotLargeReadAsWell() {
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
        assertEquals(4718592L, d.length());
    }

    @Test
    void theDescriptionOfAWholeFileReadsBack() {
        AttachmentDescription d = AttachmentDescription.parse(AttachmentDescription.of("a \"b\".pdf", "application/pdf",
                12));
        assertEquals("a b.pdf", d.filename());
        assertEquals("application/pdf", d.contentType());
        assertEquals(12L, d.length());
        assertFalse(d.compressed());
    }

    @Test
    void anEmisDescriptionIsJustAFileName() {
        AttachmentDescription d = AttachmentDescription.parse("31B75ED0_patient-attachment.txt");
        assertEquals("31B75ED0_patient-attachment.txt", d.filename());
        assertFalse(d.compressed());
        assertFalse(d.largeAttachment());
        assertNull(d.length());
    }

    @Test
    void theSkeletonMarkerIsFoundWhateverItsSpacing() {
        assertTrue(AttachmentDescription.parse("Filename=\"_x.xml\" ContentType=text/xml Compressed=Yes "
                + "DomainData=\"X-GP2GP-Skeleton:  yes\"").skeleton());
        assertFalse(AttachmentDescription.parse("Filename=\"x.xml\" ContentType=text/xml").skeleton());
    }

    @Test
    void aMissingOrPlaceholderLengthIsUnknown() {
        assertNull(AttachmentDescription.parse("Filename=\"a\" ContentType=text/plain Length=").length());
        assertNull(AttachmentDescription.parse("Filename=\"a\" ContentType=text/plain").length());
    }

    @Test
    void whatWeWriteReadsBack() {
        String text = AttachmentDescription.format("a \"b\".pdf", "application/pdf", true, false, true, 42L, false);
        AttachmentDescription d = AttachmentDescription.parse(text);
        assertEquals("a b.pdf", d.filename());
        assertTrue(d.compressed());
        assertEquals(42L, d.length());
    }
}

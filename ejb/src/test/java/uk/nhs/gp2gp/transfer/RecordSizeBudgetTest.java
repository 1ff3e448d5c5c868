package uk.nhs.gp2gp.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The requester's bounds on what a record decompresses to, counted as the bytes stream. */
class RecordSizeBudgetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aGzipBombIsStoppedJustPastThePerFileLimitWhateverItWouldInflateTo() throws IOException {
        byte[] bomb = gzippedZeros(256 * MIB);   // about 250 KB that would inflate to 256 MiB
        assertTrue(bomb.length < MIB / 2, "a bomb: " + bomb.length);
        RecordSizeBudget budget = new RecordSizeBudget(MIB, 8 * MIB, 0);
        CountingZeros counted = new CountingZeros(new GZIPInputStream(new ByteArrayInputStream(bomb)));

        RecordSizeBudget.TooLargeException refused = assertThrows(RecordSizeBudget.TooLargeException.class,
                () -> budget.measure("Attachment A1", counted));

        assertEquals("Attachment A1 is larger than the limit of 1 MiB (1048576 bytes) for one file once decoded and"
                + " decompressed (gp2gp.requester.max-file-bytes)", refused.getMessage());
        assertTrue(counted.count <= MIB + 64 * 1024, "stopped just past the limit, not at 256 MiB: " + counted.count);
    }

    @Test
    void aFileOfExactlyTheLimitFitsAndOneByteMoreDoesNot() throws IOException {
        RecordSizeBudget budget = new RecordSizeBudget(1000, 10_000, 0);
        assertEquals(1000, budget.measure("Attachment A", new ByteArrayInputStream(new byte[1000])));
        assertThrows(RecordSizeBudget.TooLargeException.class,
                () -> budget.measure("Attachment B", new ByteArrayInputStream(new byte[1001])));
    }

    @Test
    void filesEachUnderThePerFileLimitAreRefusedTogetherOverThePerRecordLimit() throws IOException {
        RecordSizeBudget budget = new RecordSizeBudget(1000, 2500, 100);   // 100 bytes of extract kept already
        budget.measure("Attachment A", new ByteArrayInputStream(new byte[900]));
        budget.measure("Attachment B", new ByteArrayInputStream(new byte[900]));
        assertEquals(1900, budget.used());

        RecordSizeBudget.TooLargeException refused = assertThrows(RecordSizeBudget.TooLargeException.class,
                () -> budget.measure("Attachment C", new ByteArrayInputStream(new byte[900])));
        assertEquals("The record is larger than the limit of 2.4 KiB (2500 bytes) for one transfer once decoded and"
                + " decompressed (gp2gp.requester.max-record-bytes); it grew past it at Attachment C",
                refused.getMessage());
    }

    @Test
    void aTrialOnACopySpendsNothingOfTheBudget() throws IOException {
        RecordSizeBudget budget = new RecordSizeBudget(1000, 1500, 0);
        RecordSizeBudget trial = budget.copy();
        trial.measure("Attachment A", new ByteArrayInputStream(new byte[1000]));
        assertEquals(1000, trial.used());
        assertEquals(0, budget.used());
        try (InputStream limited = budget.limit("Attachment A", new ByteArrayInputStream(new byte[1000]))) {
            assertEquals(1000, limited.readAllBytes().length);
        }
        assertEquals(1000, budget.used(), "bytes read through limit() are spent");
    }

    @Test
    void skippedBytesCountToo() throws IOException {
        RecordSizeBudget budget = new RecordSizeBudget(1000, 10_000, 0);
        try (InputStream limited = budget.limit("Attachment A", new ByteArrayInputStream(new byte[2000]))) {
            assertThrows(RecordSizeBudget.TooLargeException.class, () -> limited.skip(1500));
        }
    }

    @Test
    void theRefusalIsFoundWhereverItWasWrapped() {
        RecordSizeBudget.TooLargeException tooLarge = new RecordSizeBudget.TooLargeException("over");
        assertSame(tooLarge, RecordSizeBudget.refusal(new UncheckedIOException("store", tooLarge)));
        assertEquals(null, RecordSizeBudget.refusal(new UncheckedIOException(new IOException("other"))));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RecordSizeBudget(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RecordSizeBudget(1, -1, 0));
    }

    @Test
    void sizesReadPlainlyAndExactly() {
        assertEquals("512 bytes", RecordSizeBudget.size(512));
        assertEquals("1 GiB (1073741824 bytes)", RecordSizeBudget.size(1L << 30));
        assertEquals("2 GiB (2147483648 bytes)", RecordSizeBudget.size(2L << 30));
        assertEquals("1.5 MiB (1572864 bytes)", RecordSizeBudget.size(3 * MIB / 2));
    }

    /** Zeros gzipped a block at a time: the inflated whole is never in memory. */
    static byte[] gzippedZeros(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[64 * 1024];
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            for (long written = 0; written < bytes; written += block.length) {
                gzip.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
        return out.toByteArray();
    }

    /** How many bytes the inflater gave before the budget stopped reading. */
    private static final class CountingZeros extends java.io.FilterInputStream {
        long count;

        CountingZeros(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }
    }
}

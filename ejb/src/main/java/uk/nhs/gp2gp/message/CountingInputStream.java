package uk.nhs.gp2gp.message;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read through it. A subclass may act on every count ({@link #counted}), to refuse
 * what goes past a limit; {@link #drain()} reads (and counts) the rest.
 */
public class CountingInputStream extends FilterInputStream {

    private long count;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    public long count() {
        return count;
    }

    /** Called after {@code n} more bytes were read ({@link #count()} includes them); may refuse them by throwing. */
    protected void counted(long n) throws IOException {
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count++;
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count += skipped;
        counted(skipped);
        return skipped;
    }

    /** A reset would count the same bytes twice. */
    @Override
    public boolean markSupported() {
        return false;
    }

    long drain() throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (read(buffer, 0, buffer.length) >= 0) {
            // counted by read
        }
        return count;
    }
}

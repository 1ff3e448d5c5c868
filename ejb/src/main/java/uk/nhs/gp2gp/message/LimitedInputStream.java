package uk.nhs.gp2gp.message;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes bytes through until more than {@code limit} have been read, then refuses the message. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String field;
    private long count;

    LimitedInputStream(InputStream in, long limit, String field) {
        super(in);
        this.limit = limit;
        this.field = field;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(long n) {
        count += n;
        if (count > limit) {
            throw MessageProblem.of(field, field, "larger than the limit of " + limit + " bytes",
                    "at most " + limit + " bytes", null);
        }
    }
}

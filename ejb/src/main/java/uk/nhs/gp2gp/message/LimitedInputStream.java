package uk.nhs.gp2gp.message;

import java.io.InputStream;

/** Passes bytes through until more than {@code limit} have been read, then refuses the message. */
final class LimitedInputStream extends CountingInputStream {

    private final long limit;
    private final String field;

    LimitedInputStream(InputStream in, long limit, String field) {
        super(in);
        this.limit = limit;
        this.field = field;
    }

    @Override
    protected void counted(long n) {
        if (count() > limit) {
            throw MessageProblem.of(field, field, "larger than the limit of " + limit + " bytes",
                    "at most " + limit + " bytes", null);
        }
    }
}

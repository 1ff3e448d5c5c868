package uk.nhs.gp2gp.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import uk.nhs.gp2gp.message.CountingInputStream;

/**
 * What a received record may grow to as the requester decodes and decompresses it: at most
 * {@code maxFileBytes} per file and {@code maxRecordBytes} for the whole transfer. The bytes are
 * counted as they stream, never taken from a declared length, so a small gzip bomb is stopped
 * after the limit, not after it filled the disk.
 */
final class RecordSizeBudget {

    static final String MAX_FILE_KEY = "gp2gp.requester.max-file-bytes";
    static final String MAX_RECORD_KEY = "gp2gp.requester.max-record-bytes";

    private final long maxFileBytes;
    private final long maxRecordBytes;
    private long used;

    /** {@code alreadyStored}: the record's bytes kept before (its extract, attachments that came inline). */
    RecordSizeBudget(long maxFileBytes, long maxRecordBytes, long alreadyStored) {
        if (maxFileBytes < 1 || maxRecordBytes < 1) {
            throw new IllegalArgumentException(MAX_FILE_KEY + " and " + MAX_RECORD_KEY + " must be positive");
        }
        this.maxFileBytes = maxFileBytes;
        this.maxRecordBytes = maxRecordBytes;
        this.used = alreadyStored;
    }

    long used() {
        return used;
    }

    /** A budget as this one is now, to try files against without spending this one's. */
    RecordSizeBudget copy() {
        return new RecordSizeBudget(maxFileBytes, maxRecordBytes, used);
    }

    /** The file's bytes, spent from the budget as they are read; past a limit the read fails. */
    InputStream limit(String file, InputStream decoded) {
        return new Limited(decoded, file);
    }

    /** Reads the file to its end through the budget, keeping nothing: whether it fits, before it is stored. */
    long measure(String file, InputStream decoded) throws IOException {
        try (InputStream in = limit(file, decoded)) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** A received file or record larger than the hub accepts (refused with code 30). */
    static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }

    /** The budget's refusal anywhere in the causes of {@code e}, or null. */
    static TooLargeException refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    /** 1073741824 as "1 GiB (1073741824 bytes)": plain for a reader, exact for support. */
    static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        String shown = value == Math.rint(value) ? String.valueOf((long) value) : String.format(java.util.Locale.ROOT, "%.1f", value);
        return shown + " " + units[unit] + " (" + bytes + " bytes)";
    }

    private final class Limited extends CountingInputStream {
        private final String file;

        Limited(InputStream in, String file) {
            super(in);
            this.file = file;
        }

        @Override
        protected void counted(long n) throws TooLargeException {
            used += n;
            if (count() > maxFileBytes) {
                throw new TooLargeException(file + " is larger than the limit of " + size(maxFileBytes)
                        + " for one file once decoded and decompressed (" + MAX_FILE_KEY + ")");
            }
            if (used > maxRecordBytes) {
                throw new TooLargeException("The record is larger than the limit of " + size(maxRecordBytes)
                        + " for one transfer once decoded and decompressed (" + MAX_RECORD_KEY + "); it grew past it at "
                        + file);
            }
        }
    }
}

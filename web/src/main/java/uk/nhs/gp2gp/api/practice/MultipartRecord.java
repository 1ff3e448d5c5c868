package uk.nhs.gp2gp.api.practice;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.message.MessageProblem;
import uk.nhs.gp2gp.message.MultipartParts;
import uk.nhs.gp2gp.record.RecordAttachment;

/**
 * A record uploaded as {@code multipart/related}, read as it streams in: the first part is the XML,
 * each further part a file, handed on one at a time to be stored. Whatever is wrong with the body
 * (no boundary, a part without Content-Id, a body cut short or too long) is a 400 naming it.
 */
final class MultipartRecord {

    /** A whole upload: a 100 MB record with its base64 overhead fits with room to spare. */
    static final long MAX_BODY_BYTES = 1024L * 1024 * 1024;

    private final MultipartParts parts;
    private final byte[] extract;

    private MultipartRecord(MultipartParts parts, byte[] extract) {
        this.parts = parts;
        this.extract = extract;
    }

    /** Reads up to the end of the first part, the record's XML (at most {@code maxExtractBytes}). */
    static MultipartRecord open(InputStream body, String contentType, int maxExtractBytes) {
        try {
            MultipartParts parts = MultipartParts.open(body, contentType, MAX_BODY_BYTES);
            MultipartParts.Part first = parts.next();
            if (first == null) {
                throw new InvalidIdentifierException("record", "The multipart body has no parts");
            }
            byte[] extract = first.content().readNBytes(maxExtractBytes + 1);
            if (extract.length > maxExtractBytes) {
                throw new InvalidIdentifierException("record", "The record's XML (the first part) is over "
                        + maxExtractBytes + " bytes");
            }
            return new MultipartRecord(parts, extract);
        } catch (MessageProblem e) {
            throw unreadable(e);
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidIdentifierException("record", "The multipart/related body cannot be read");
        }
    }

    byte[] extract() {
        return extract;
    }

    /** The files, in order; each must be read to its end before asking for the next. */
    Iterator<RecordAttachment> attachments() {
        return new Iterator<>() {
            private MultipartParts.Part pending;
            private boolean finished;

            @Override
            public boolean hasNext() {
                if (pending == null && !finished) {
                    try {
                        pending = parts.next();
                    } catch (MessageProblem e) {
                        throw unreadable(e);
                    } catch (UncheckedIOException e) {
                        throw new InvalidIdentifierException("record", "The multipart/related body cannot be read");
                    }
                    finished = pending == null;
                }
                return pending != null;
            }

            @Override
            public RecordAttachment next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                MultipartParts.Part part = pending;
                pending = null;
                if (part.contentId() == null || part.contentId().isBlank()) {
                    throw new InvalidIdentifierException("Content-Id", "Attachment part " + (part.index() - 1)
                            + " has no Content-Id");
                }
                return new RecordAttachment(part.contentId(), part.contentType() == null ? "application/octet-stream"
                        : part.contentType(), part.description(), new Unreadable(part.content()));
            }
        };
    }

    private static InvalidIdentifierException unreadable(MessageProblem e) {
        return new InvalidIdentifierException("record", "The multipart/related body cannot be read: "
                + e.getMessage());
    }

    /** A part's content whose read failures (cut short, too long) are the caller's 400, not a server error. */
    private static final class Unreadable extends FilterInputStream {
        Unreadable(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException | UncheckedIOException e) {
                throw new InvalidIdentifierException("record", "An attachment of the multipart body cannot be read");
            } catch (MessageProblem e) {
                throw unreadable(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException | UncheckedIOException e) {
                throw new InvalidIdentifierException("record", "An attachment of the multipart body cannot be read");
            } catch (MessageProblem e) {
                throw unreadable(e);
            }
        }
    }
}

package uk.nhs.gp2gp.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a MIME multipart body, one after the other, each body a stream that ends at the
 * next boundary: nothing is held but a 64 KB window. Accepts CRLF and bare LF line ends.
 */
final class MimePartStream {

    private static final int WINDOW = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    /** "\n--boundary": a delimiter line; a CR before it belongs to the delimiter too. */
    private final byte[] delimiter;
    private final byte[] buffer = new byte[WINDOW];
    private int position;
    private int limit;
    private boolean endOfInput;
    /** Where the next delimiter starts in the buffer (-1: not found up to {@code scannedTo}). */
    private int delimiterAt = -1;
    private int scannedTo;
    /** The preamble before the first delimiter is read as a body that nobody wants. */
    private boolean bodyEnded;
    private boolean inPreamble = true;
    private boolean finished;
    private Map<String, String> headers = Map.of();
    private final PartBody body = new PartBody();

    MimePartStream(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // A body may start with its first delimiter: a virtual line end before it makes it one.
        buffer[0] = '\n';
        limit = 1;
    }

    /** Moves to the next part, skipping what is left of this one; false after the closing delimiter. */
    boolean next() throws IOException {
        if (finished) {
            return false;
        }
        body.skipRest();
        inPreamble = false;
        // After the delimiter: "--" closes the multipart; otherwise padding to the end of the line.
        if (!ensure(2)) {
            throw truncated("after a boundary");
        }
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            finished = true;
            return false;
        }
        readLine();
        headers = readHeaders();
        bodyEnded = false;
        return true;
    }

    /** The current part's headers, by lower-case name (first occurrence). */
    Map<String, String> headers() {
        return headers;
    }

    /** The current part's body: ends (-1) at the next delimiter. */
    InputStream body() {
        return body;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        int total = 0;
        String name = null;
        while (true) {
            String line = readLine();
            total += line.length() + 1;
            if (total > MAX_HEADER_BYTES) {
                throw problem("the part headers are longer than " + MAX_HEADER_BYTES + " bytes",
                        "at most " + MAX_HEADER_BYTES + " bytes of headers");
            }
            if (line.isEmpty()) {
                return result;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                result.computeIfPresent(name, (k, v) -> v + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw problem("a part header line has no name", "Name: value");
            }
            name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            result.putIfAbsent(name, line.substring(colon + 1).strip());
        }
    }

    /** A line of the headers, without its CRLF or LF. */
    private String readLine() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    forgetDelimiter();
                    return line;
                }
            }
            if (limit - position >= MAX_HEADER_BYTES) {
                throw problem("a part header line is longer than " + MAX_HEADER_BYTES + " bytes", "shorter lines");
            }
            int scannedSoFar = limit - position;
            if (!fill()) {
                throw truncated("inside the part headers");
            }
            // fill() moved the line to the front of the buffer.
            scanned = position + scannedSoFar;
        }
    }

    /** Makes at least {@code n} bytes available from {@code position}; false at the end of input. */
    private boolean ensure(int n) throws IOException {
        while (limit - position < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more input, moving what is left to the front of the buffer. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            if (delimiterAt >= 0) {
                delimiterAt -= position;
            }
            scannedTo = Math.max(0, scannedTo - position);
            limit -= position;
            position = 0;
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        limit += n;
        return true;
    }

    private void forgetDelimiter() {
        delimiterAt = -1;
        scannedTo = position;
    }

    /** Finds the next delimiter at or after {@code position}, scanning each byte once. */
    private int findDelimiter() {
        if (delimiterAt >= position) {
            return delimiterAt;
        }
        int from = Math.max(scannedTo, position);
        int last = limit - delimiter.length;
        for (int i = from; i <= last; i++) {
            if (buffer[i] == '\n' && matches(i)) {
                delimiterAt = i;
                return i;
            }
        }
        scannedTo = Math.max(from, last + 1);
        return -1;
    }

    private boolean matches(int at) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[at + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    private MessageProblem truncated(String where) {
        if (inPreamble) {
            return problem("the body has no line with the boundary the Content-Type names",
                    "parts separated by --" + boundary());
        }
        return problem("the multipart body ends " + where + " without its closing boundary",
                "a closing boundary line --" + boundary() + "--");
    }

    private String boundary() {
        return new String(delimiter, 3, delimiter.length - 3, StandardCharsets.ISO_8859_1);
    }

    private static MessageProblem problem(String detail, String expected) {
        return MessageProblem.of("multipart", "multipart body", detail, expected, null);
    }

    /** The body of the current part. */
    private final class PartBody extends InputStream {

        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (bodyEnded) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int at = findDelimiter();
                if (at >= 0) {
                    int end = at > position && buffer[at - 1] == '\r' ? at - 1 : at;
                    if (end == position) {
                        position = at + delimiter.length;
                        forgetDelimiter();
                        bodyEnded = true;
                        return -1;
                    }
                    int n = Math.min(length, end - position);
                    System.arraycopy(buffer, position, target, offset, n);
                    position += n;
                    return n;
                }
                // Keep back what could be the start of a delimiter (and the CR before it).
                int safe = limit - position - delimiter.length;
                if (safe > 0) {
                    int n = Math.min(length, safe);
                    System.arraycopy(buffer, position, target, offset, n);
                    position += n;
                    return n;
                }
                if (!fill()) {
                    throw truncated("inside a part");
                }
            }
        }

        /** Skips to the end of the part without copying. */
        void skipRest() throws IOException {
            while (!bodyEnded) {
                int at = findDelimiter();
                if (at >= 0) {
                    position = at + delimiter.length;
                    forgetDelimiter();
                    bodyEnded = true;
                    return;
                }
                position = Math.max(position, limit - delimiter.length);
                if (!fill()) {
                    throw truncated("inside a part");
                }
            }
        }
    }
}

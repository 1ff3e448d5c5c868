package uk.nhs.gp2gp.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes MIME base64 (line breaks and other non-alphabet bytes ignored) while it streams, a
 * block at a time with the JDK's fast decoder: several times quicker than wrapping the stream in
 * {@code Base64.getMimeDecoder()}, which matters for attachments of hundreds of MB.
 */
public final class Base64DecodingInputStream extends InputStream {

    /** Encoded characters decoded at once: a multiple of 4. */
    private static final int BLOCK = 64 * 1024;
    private static final boolean[] ALPHABET = new boolean[256];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".toCharArray()) {
            ALPHABET[c] = true;
        }
    }

    private final InputStream in;
    private final Base64.Decoder decoder = Base64.getDecoder();
    private final byte[] raw = new byte[BLOCK];
    private int rawPosition;
    private int rawLimit;
    private boolean endOfInput;
    private final byte[] encoded = new byte[BLOCK];
    private final byte[] decoded = new byte[BLOCK / 4 * 3];
    private int position;
    private int limit;
    private final byte[] one = new byte[1];

    public Base64DecodingInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == limit) {
            if (!decodeBlock()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(decoded, position, target, offset, n);
        position += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Gathers a block of base64 characters and decodes it; false when nothing is left. */
    private boolean decodeBlock() throws IOException {
        int count = 0;
        while (count < BLOCK) {
            if (rawPosition == rawLimit) {
                if (endOfInput || !fill()) {
                    break;
                }
            }
            byte b = raw[rawPosition++];
            if (ALPHABET[b & 0xff]) {
                encoded[count++] = b;
            }
        }
        if (count == 0) {
            return false;
        }
        byte[] source = count == BLOCK ? encoded : padded(count);
        try {
            limit = decoder.decode(source, decoded);
        } catch (IllegalArgumentException e) {
            throw new IOException("Not valid base64: " + e.getMessage());
        }
        position = 0;
        return true;
    }

    /** The last block: senders sometimes leave the padding out. */
    private byte[] padded(int count) throws IOException {
        if (count % 4 == 1) {
            throw new IOException("Not valid base64: the content ends with a single character");
        }
        byte[] last = Arrays.copyOf(encoded, (count + 3) / 4 * 4);
        Arrays.fill(last, count, last.length, (byte) '=');
        return last;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(raw, 0, raw.length);
        } while (n == 0);
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        rawPosition = 0;
        rawLimit = n;
        return true;
    }
}

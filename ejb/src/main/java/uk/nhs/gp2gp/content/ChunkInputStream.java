package uk.nhs.gp2gp.content;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads content_chunk rows one at a time (one query per chunk, so no driver ever buffers the
 * whole result), and gives them back as one stream. Owns its connection.
 */
final class ChunkInputStream extends InputStream {

    private final Connection connection;
    private final PreparedStatement select;
    private final long storedContentId;
    private byte[] chunk = new byte[0];
    private int position;
    private int nextSeq;
    private boolean finished;

    ChunkInputStream(Connection connection, long storedContentId) throws SQLException {
        this.connection = connection;
        this.storedContentId = storedContentId;
        this.select = connection.prepareStatement(
                "select data from content_chunk where stored_content_id = ? and seq = ?");
    }

    @Override
    public int read() throws IOException {
        if (!ensureAvailable()) {
            return -1;
        }
        return chunk[position++] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!ensureAvailable()) {
            return -1;
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, count);
        position += count;
        return count;
    }

    private boolean ensureAvailable() throws IOException {
        while (!finished && position >= chunk.length) {
            try {
                select.setLong(1, storedContentId);
                select.setInt(2, nextSeq);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        chunk = row.getBytes(1);
                        position = 0;
                        nextSeq++;
                    } else {
                        finished = true;
                    }
                }
            } catch (SQLException e) {
                throw new IOException("Could not read stored content", e);
            }
        }
        return !finished || position < chunk.length;
    }

    @Override
    public void close() throws IOException {
        try (connection; select) {
            finished = true;
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
}

package uk.nhs.gp2gp.content;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Reads content_chunk rows one at a time and gives them back as one stream. Each chunk is read on a
 * connection taken from the pool for that one query and given back at once, so a client that reads
 * slowly never holds a connection (outside a transaction each read is a short transaction of its own;
 * inside one, it is that transaction's connection). Content is never changed once written, only
 * deleted whole: a stream whose content was deleted while it was read fails rather than end short.
 */
final class ChunkInputStream extends InputStream {

    private final DataSource dataSource;
    private final long storedContentId;
    private byte[] chunk = new byte[0];
    private int position;
    private int nextSeq;
    private boolean finished;

    ChunkInputStream(DataSource dataSource, long storedContentId) {
        this.dataSource = dataSource;
        this.storedContentId = storedContentId;
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
            try (Connection connection = dataSource.getConnection()) {
                byte[] next = chunk(connection, nextSeq);
                if (next != null) {
                    chunk = next;
                    position = 0;
                    nextSeq++;
                } else if (exists(connection)) {
                    finished = true;
                } else {
                    throw new IOException("Stored content " + storedContentId + " was deleted while it was read");
                }
            } catch (SQLException e) {
                throw new IOException("Could not read stored content", e);
            }
        }
        return !finished || position < chunk.length;
    }

    private byte[] chunk(Connection connection, int seq) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select data from content_chunk where stored_content_id = ? and seq = ?")) {
            select.setLong(1, storedContentId);
            select.setInt(2, seq);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    /** Chunks and their content are deleted together: the content still there means no chunk is missing. */
    private boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select 1 from stored_content where id = ?")) {
            select.setLong(1, storedContentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public void close() {
        finished = true;
    }
}

package uk.nhs.gp2gp.content;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.sql.DataSource;

/**
 * Writes a stream as content_chunk rows. Each chunk is inserted on a connection taken from the pool
 * for that one insert, never while the stream is read: outside a transaction each chunk commits on its
 * own, so a client sending a gigabyte slowly holds neither a connection nor a transaction; inside one,
 * every chunk goes through that transaction's connection and commits with it.
 */
final class ChunkWriter {

    /** What was written. */
    record Written(long length, String sha256) {
    }

    private ChunkWriter() {
    }

    static Written write(DataSource dataSource, long storedContentId, InputStream bytes, int chunkSize)
            throws SQLException, IOException {
        MessageDigest sha256 = ContentStore.sha256();
        long total = 0;
        byte[] buffer = new byte[chunkSize];
        int seq = 0;
        int read;
        while ((read = bytes.readNBytes(buffer, 0, chunkSize)) > 0) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "insert into content_chunk (stored_content_id, seq, data) values (?, ?, ?)")) {
                insert.setLong(1, storedContentId);
                insert.setInt(2, seq++);
                insert.setBytes(3, read == chunkSize ? buffer : Arrays.copyOf(buffer, read));
                insert.executeUpdate();
            }
            sha256.update(buffer, 0, read);
            total += read;
        }
        return new Written(total, HexFormat.of().formatHex(sha256.digest()));
    }
}

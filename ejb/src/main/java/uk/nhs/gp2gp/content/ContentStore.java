package uk.nhs.gp2gp.content;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.sql.DataSource;
import uk.nhs.gp2gp.database.DatabaseStartup;

/**
 * Writes and reads stored content as a stream of fixed-size chunks, so that a 100 MB record never
 * sits in memory whole, on H2 and PostgreSQL alike. Writing joins the caller's transaction: the
 * bytes and the step that stored them commit together or not at all.
 */
@Stateless
public class ContentStore {

    /** Small enough to keep memory flat, large enough that a 100 MB record is 200 rows. */
    static final int CHUNK_SIZE = 512 * 1024;

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Resource(lookup = DatabaseStartup.DATA_SOURCE)
    private DataSource dataSource;

    /** Stores the description and every byte the stream gives; returns it with length and digest set. */
    public StoredContent write(StoredContent content, InputStream bytes) {
        em.persist(content);
        em.flush(); // the chunks refer to the row, through the same transaction's connection
        MessageDigest sha256 = sha256();
        long total = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into content_chunk (stored_content_id, seq, data) values (?, ?, ?)")) {
            byte[] buffer = new byte[CHUNK_SIZE];
            int seq = 0;
            int read;
            while ((read = bytes.readNBytes(buffer, 0, CHUNK_SIZE)) > 0) {
                insert.setLong(1, content.getId());
                insert.setInt(2, seq++);
                insert.setBytes(3, read == CHUNK_SIZE ? buffer : Arrays.copyOf(buffer, read));
                insert.executeUpdate();
                sha256.update(buffer, 0, read);
                total += read;
            }
        } catch (SQLException e) {
            throw new ContentStoreException("Could not store content " + content.getContentId(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the content to store", e);
        }
        content.written(total, HexFormat.of().formatHex(sha256.digest()));
        return content;
    }

    public StoredContent write(StoredContent content, byte[] bytes) {
        return write(content, new java.io.ByteArrayInputStream(bytes));
    }

    /**
     * The stored bytes, read chunk by chunk on a connection of the stream's own; close it when done.
     * Works inside or outside a transaction (for instance while JAX-RS streams a response).
     */
    public InputStream open(long storedContentId) {
        try {
            return new ChunkInputStream(dataSource.getConnection(), storedContentId);
        } catch (SQLException e) {
            throw new ContentStoreException("Could not open stored content", e);
        }
    }

    /** For small content only (messages, descriptions): the whole thing in memory. */
    public byte[] readAll(long storedContentId) {
        try (InputStream in = open(storedContentId)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public java.util.List<StoredContent> ofTransfer(long transferId, StoredContent.Kind kind) {
        return em.createNamedQuery(StoredContent.OF_TRANSFER, StoredContent.class)
                .setParameter("transferId", transferId).setParameter("kind", kind).getResultList();
    }

    public void delete(long storedContentId) {
        StoredContent content = em.find(StoredContent.class, storedContentId);
        if (content != null) {
            em.createNativeQuery("delete from content_chunk where stored_content_id = ?1")
                    .setParameter(1, storedContentId).executeUpdate();
            em.remove(content);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Stored content that could not be written or read: a database problem, never the caller's. */
    public static class ContentStoreException extends RuntimeException {
        public ContentStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package uk.nhs.gp2gp.content;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import uk.nhs.gp2gp.database.DatabaseStartup;

/**
 * Writes and reads stored content as a stream of fixed-size chunks, so that a 100 MB record never
 * sits in memory whole, on H2 and PostgreSQL alike. Writing joins the caller's transaction: the
 * bytes and the step that stored them commit together or not at all. An upload from a client is
 * staged instead (see {@link #stage}), so that no transaction lasts as long as the client sends.
 */
@Stateless
public class ContentStore {

    private static final System.Logger LOG = System.getLogger(ContentStore.class.getName());

    /** Small enough to keep memory flat, large enough that a 100 MB record is 200 rows. */
    static final int CHUNK_SIZE = 512 * 1024;

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Resource(lookup = DatabaseStartup.DATA_SOURCE)
    private DataSource dataSource;

    @Resource
    private SessionContext context;

    @Inject
    private Clock clock;

    /** Stores the description and every byte the stream gives; returns it with length and digest set. */
    public StoredContent write(StoredContent content, InputStream bytes) {
        em.persist(content);
        em.flush(); // the chunks refer to the row, through the same transaction's connection
        ChunkWriter.Written written = writeChunks(content, bytes);
        content.written(written.length(), written.sha256());
        return content;
    }

    /**
     * Stages an upload: the bytes become content that belongs to nothing yet, its row and each chunk
     * written in short transactions of their own, so that no transaction, connection or lock is held
     * while a client sends. The caller swaps it in with {@link #staged} in one short transaction. An
     * upload that fails is discarded at once; one that is abandoned (the node died) is deleted by
     * {@link LeftoverContentSweep} a day after it began.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public StoredContent stage(String contentId, String mediaType, InputStream bytes) {
        ContentStore self = context.getBusinessObject(ContentStore.class);
        StoredContent content = self.newStaged(contentId, mediaType);
        try {
            ChunkWriter.Written written = writeChunks(content, bytes);
            return self.stagedWritten(content.getId(), written.length(), written.sha256());
        } catch (RuntimeException e) {
            discardQuietly(List.of(content));
            throw e;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public StoredContent newStaged(String contentId, String mediaType) {
        StoredContent content = StoredContent.staged(contentId, mediaType, clock.instant());
        em.persist(content);
        return content;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public StoredContent stagedWritten(long storedContentId, long length, String sha256) {
        StoredContent content = em.find(StoredContent.class, storedContentId);
        content.written(length, sha256);
        return content;
    }

    /**
     * Staged content, in the caller's transaction, for it to swap in (give it an owner); fails when
     * it is no longer staged (swept away as abandoned).
     */
    public StoredContent staged(long storedContentId) {
        StoredContent content = em.find(StoredContent.class, storedContentId);
        if (content == null || content.getKind() != StoredContent.Kind.STAGED || !content.isComplete()) {
            throw new IllegalStateException("Staged content " + storedContentId + " is gone");
        }
        return content;
    }

    /** Staged content of an upload that failed: deleted now if the database lets us, else by the sweep. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void discardQuietly(List<StoredContent> staged) {
        for (StoredContent content : staged) {
            try {
                context.getBusinessObject(ContentStore.class).deleteLeftover(content.getId());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Staged content {0} is left for the sweep: {1}", content.getId(),
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Content that belongs to nothing: discarded, or staged by an upload that began before {@code abandonedBefore}. */
    @SuppressWarnings("unchecked")
    public List<Long> leftovers(Instant abandonedBefore, int max) {
        return ((List<Number>) em.createNativeQuery("select id from stored_content where kind = 'DISCARDED'"
                        + " or (kind = 'STAGED' and created_at < ?1) order by id fetch first " + max + " rows only")
                .setParameter(1, abandonedBefore).getResultList()).stream().map(Number::longValue).toList();
    }

    /** Deletes content that belongs to nothing, with its chunks; content that was swapped in meanwhile stays. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void deleteLeftover(long storedContentId) {
        em.createNativeQuery("delete from content_chunk where stored_content_id = ?1 and exists (select 1 from"
                        + " stored_content where id = ?1 and kind in ('STAGED', 'DISCARDED'))")
                .setParameter(1, storedContentId).executeUpdate();
        em.createNativeQuery("delete from stored_content where id = ?1 and kind in ('STAGED', 'DISCARDED')")
                .setParameter(1, storedContentId).executeUpdate();
    }

    private ChunkWriter.Written writeChunks(StoredContent content, InputStream bytes) {
        try {
            return ChunkWriter.write(dataSource, content.getId(), bytes, CHUNK_SIZE);
        } catch (SQLException e) {
            throw new ContentStoreException("Could not store content " + content.getContentId(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the content to store", e);
        }
    }

    public StoredContent write(StoredContent content, byte[] bytes) {
        return write(content, new java.io.ByteArrayInputStream(bytes));
    }

    /**
     * The stored bytes, read chunk by chunk, each on a pooled connection held only for that read.
     * Works inside or outside a transaction (for instance while JAX-RS streams a response to a slow
     * client: no connection is held between its reads).
     */
    public InputStream open(long storedContentId) {
        return new ChunkInputStream(dataSource, storedContentId);
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

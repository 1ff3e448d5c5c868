package uk.nhs.gp2gp.content;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Bytes we keep: a core extract, an attachment or fragment, a whole message waiting in the outbox,
 * or a record a practice stored for sending. The bytes themselves are in {@code content_chunk}
 * rows, written and read as a stream by the content store, so that size never matters to memory.
 */
@Entity
@Table(name = "stored_content")
@NamedQuery(name = StoredContent.OF_TRANSFER,
        query = "select c from StoredContent c where c.transferId = :transferId and c.kind = :kind order by c.id")
@NamedQuery(name = StoredContent.OF_RECORD,
        query = "select c from StoredContent c where c.patientRecordId = :recordId order by c.id")
public class StoredContent {

    public static final String OF_TRANSFER = "StoredContent.ofTransfer";
    public static final String OF_RECORD = "StoredContent.ofRecord";

    public enum Kind {
        /** The HL7 EHR extract of a transfer. */
        EXTRACT,
        /** An attachment of a transfer's record, whole. */
        ATTACHMENT,
        /** One fragment of a large attachment, until reassembled. */
        FRAGMENT,
        /** A whole message (envelope, payload and attachments) waiting to be sent. */
        MESSAGE,
        /** A record (extract or attachment) a practice stored here to send when asked. */
        RECORD,
        /** An upload being written, not part of anything until it is swapped in whole. */
        STAGED,
        /** Replaced by an upload, no longer part of anything: deleted in the background. */
        DISCARDED
    }

    @Id
    @SequenceGenerator(name = "stored_content_seq", sequenceName = "stored_content_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "stored_content_seq")
    private Long id;

    @Column(name = "transfer_id")
    private Long transferId;

    @Column(name = "patient_record_id")
    private Long patientRecordId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    @Column(name = "content_id")
    private String contentId;

    @Column(name = "parent_content_id")
    private String parentContentId;

    @Column(name = "part_order")
    private Integer partOrder;

    @Column(name = "media_type")
    private String mediaType;

    private String description;

    private boolean compressed;

    private boolean base64;

    private long length;

    private String digest;

    private boolean complete;

    @Column(name = "created_at")
    private Instant createdAt;

    protected StoredContent() {
    }

    private StoredContent(Kind kind, String contentId, String mediaType, Instant now) {
        this.kind = kind;
        this.contentId = contentId;
        this.mediaType = mediaType;
        this.createdAt = now;
    }

    public static StoredContent ofTransfer(long transferId, Kind kind, String contentId, String mediaType,
            Instant now) {
        StoredContent content = new StoredContent(kind, contentId, mediaType, now);
        content.transferId = transferId;
        return content;
    }

    /** An upload's bytes, owned by nothing until it is swapped in. */
    public static StoredContent staged(String contentId, String mediaType, Instant now) {
        return new StoredContent(Kind.STAGED, contentId, mediaType, now);
    }

    public static StoredContent ofRecord(long recordId, String contentId, String mediaType, Instant now) {
        StoredContent content = new StoredContent(Kind.RECORD, contentId, mediaType, now);
        content.patientRecordId = recordId;
        return content;
    }

    /** How the bytes were transported: the GP2GP attachment description and its flags. */
    public StoredContent describedAs(String attachmentDescription, boolean isCompressed, boolean isBase64) {
        this.description = attachmentDescription;
        this.compressed = isCompressed;
        this.base64 = isBase64;
        return this;
    }

    /** A fragment's place in its parent's manifest. */
    public StoredContent partOf(String parent, int order) {
        this.parentContentId = parent;
        this.partOrder = order;
        return this;
    }

    /**
     * A transfer's extract or attachment (or an upload's staged content) becomes part of a record
     * held here to send on: the same bytes, now owned by the record, described as stored.
     */
    public void movedToRecord(long recordId, String newContentId, String newDescription) {
        this.transferId = null;
        this.patientRecordId = recordId;
        this.kind = Kind.RECORD;
        this.contentId = newContentId;
        this.description = newDescription;
        this.compressed = false;
        this.base64 = false;
    }

    /** Replaced: it belongs to nothing any more, and nobody finds it as part of anything. */
    public void discarded() {
        this.transferId = null;
        this.patientRecordId = null;
        this.kind = Kind.DISCARDED;
    }

    /** Set by the content store once every byte is written. */
    public void written(long byteCount, String sha256) {
        this.length = byteCount;
        this.digest = sha256;
        this.complete = true;
    }

    public Long getId() {
        return id;
    }

    public Long getTransferId() {
        return transferId;
    }

    public Long getPatientRecordId() {
        return patientRecordId;
    }

    public Kind getKind() {
        return kind;
    }

    public String getContentId() {
        return contentId;
    }

    public String getParentContentId() {
        return parentContentId;
    }

    public Integer getPartOrder() {
        return partOrder;
    }

    public String getMediaType() {
        return mediaType;
    }

    public String getDescription() {
        return description;
    }

    public boolean isCompressed() {
        return compressed;
    }

    public boolean isBase64() {
        return base64;
    }

    public long getLength() {
        return length;
    }

    public String getDigest() {
        return digest;
    }

    public boolean isComplete() {
        return complete;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}

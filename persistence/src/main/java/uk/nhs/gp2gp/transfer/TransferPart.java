package uk.nhs.gp2gp.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A part of a large record that travels as its own COPC message (protocol 2.2, 3.8): an attachment,
 * a fragment index, or a fragment. At the requester it is known first either from a manifest that
 * names it (expected) or from its own arrival (an orphan until its parent's manifest arrives). At
 * the sender it is an attachment the extract promised, sent after the continue request.
 */
@Entity
@Table(name = "transfer_part")
@NamedQuery(name = TransferPart.OF_TRANSFER,
        query = "select p from TransferPart p where p.transferId = :transferId order by p.id")
public class TransferPart {

    public static final String OF_TRANSFER = "TransferPart.ofTransfer";

    @Id
    @SequenceGenerator(name = "transfer_part_seq", sequenceName = "transfer_part_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "transfer_part_seq")
    private Long id;

    @Column(name = "transfer_id")
    private Long transferId;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "parent_message_id")
    private String parentMessageId;

    @Column(name = "part_order")
    private Integer partOrder;

    private String description;

    @Column(name = "inline_parts")
    private int inlineParts;

    @Column(name = "child_parts")
    private int childParts;

    /** Requester: when it arrived; sender: when it was sent. */
    @Column(name = "received_at")
    private Instant receivedAt;

    /** Sender: the stored file (stored_content id) this part carries. */
    @Column(name = "content_ref")
    private Long contentRef;

    @Version
    private int version;

    protected TransferPart() {
    }

    public TransferPart(long transferId, String messageId) {
        this.transferId = transferId;
        this.messageId = messageId;
    }

    /** Named by a manifest: the extract's or a fragment index's, at this place, with this description. */
    public void namedBy(String parent, int order, String attachmentDescription) {
        this.parentMessageId = parent;
        this.partOrder = order;
        this.description = attachmentDescription;
    }

    /** Its COPC arrived, carrying {@code inline} parts and naming {@code children} parts of its own. */
    public void arrived(int inline, int children, Instant now) {
        this.inlineParts = inline;
        this.childParts = children;
        this.receivedAt = now;
    }

    /** Sender: this part carries the stored file {@code storedContentId}. */
    public TransferPart carrying(long storedContentId) {
        this.contentRef = storedContentId;
        return this;
    }

    /** Sender: the part went out. */
    public void sent(Instant now) {
        this.receivedAt = now;
    }

    public Long getContentRef() {
        return contentRef;
    }

    public boolean isReceived() {
        return receivedAt != null;
    }

    public boolean isNamed() {
        return parentMessageId != null;
    }

    public Long getId() {
        return id;
    }

    public Long getTransferId() {
        return transferId;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getParentMessageId() {
        return parentMessageId;
    }

    public Integer getPartOrder() {
        return partOrder;
    }

    public String getDescription() {
        return description;
    }

    public int getInlineParts() {
        return inlineParts;
    }

    public int getChildParts() {
        return childParts;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }
}

package uk.nhs.gp2gp.report;

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
import jakarta.persistence.Version;
import java.time.Instant;
import uk.nhs.gp2gp.transfer.Transfer;

/**
 * A record to move on paper after a failed transfer: the sending practice prints it, the paper
 * records service carries it to the requesting practice. Someone asks for it, someone marks it done.
 * One per conversation.
 */
@Entity
@Table(name = "paper_fallback")
@NamedQuery(name = PaperFallback.BY_CONVERSATION,
        query = "select p from PaperFallback p where p.conversationId = :conversationId")
public class PaperFallback {

    public static final String BY_CONVERSATION = "PaperFallback.byConversation";

    public enum Status { REQUESTED, DONE }

    private static final int NOTE_LENGTH = 1000;

    @Id
    @SequenceGenerator(name = "paper_fallback_seq", sequenceName = "paper_fallback_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "paper_fallback_seq")
    private Long id;

    @Column(name = "transfer_id")
    private Long transferId;

    @Column(name = "conversation_id")
    private String conversationId;

    @Column(name = "nhs_number")
    private String nhsNumber;

    @Column(name = "requesting_ods")
    private String requestingOds;

    @Column(name = "sending_ods")
    private String sendingOds;

    /** The transfer's outcome when paper was asked for (a TransferOutcome name). */
    private String outcome;

    /** Why it failed: a GP2GP reason code, or one of the report's reasons without a code. */
    @Column(name = "reason_code")
    private String reasonCode;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "request_note")
    private String requestNote;

    @Column(name = "done_by")
    private String doneBy;

    @Column(name = "done_at")
    private Instant doneAt;

    @Column(name = "done_note")
    private String doneNote;

    @Version
    private int version;

    protected PaperFallback() {
    }

    public PaperFallback(Transfer transfer, String outcome, String reasonCode, String requestedBy, String note,
            Instant now) {
        this.transferId = transfer.getId();
        this.conversationId = transfer.getConversationId();
        this.nhsNumber = transfer.getNhsNumber();
        this.requestingOds = transfer.getRequestingOds();
        this.sendingOds = transfer.getSendingOds();
        this.outcome = outcome;
        this.reasonCode = reasonCode;
        this.status = Status.REQUESTED;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.requestNote = shortened(note);
    }

    /** The paper record has been sent; returns false when it was already marked done. */
    public boolean markDone(String by, String note, Instant now) {
        if (status == Status.DONE) {
            return false;
        }
        status = Status.DONE;
        doneBy = by;
        doneAt = now;
        doneNote = shortened(note);
        return true;
    }

    private static String shortened(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String text = note.strip();
        return text.length() <= NOTE_LENGTH ? text : text.substring(0, NOTE_LENGTH);
    }

    public Long getId() {
        return id;
    }

    public Long getTransferId() {
        return transferId;
    }

    public String getConversationId() {
        return conversationId;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public String getRequestingOds() {
        return requestingOds;
    }

    public String getSendingOds() {
        return sendingOds;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getReasonCode() {
        return reasonCode;
    }

    public Status getStatus() {
        return status;
    }

    public String getRequestedBy() {
        return requestedBy;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public String getRequestNote() {
        return requestNote;
    }

    public String getDoneBy() {
        return doneBy;
    }

    public Instant getDoneAt() {
        return doneAt;
    }

    public String getDoneNote() {
        return doneNote;
    }
}

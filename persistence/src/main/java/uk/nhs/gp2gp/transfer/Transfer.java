package uk.nhs.gp2gp.transfer;

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
import java.time.Duration;
import java.time.Instant;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;

/**
 * One GP2GP conversation as one of our hosted practices sees it. When both practices are hosted
 * here, the conversation has two transfers: one per role.
 */
@Entity
@Table(name = "transfer")
@NamedQuery(name = Transfer.BY_CONVERSATION_AND_ROLE,
        query = "select t from Transfer t where t.conversationId = :conversationId and t.role = :role")
@NamedQuery(name = Transfer.BY_CONVERSATION,
        query = "select t from Transfer t where t.conversationId = :conversationId order by t.role")
@NamedQuery(name = Transfer.IN_PROGRESS_FOR_PATIENT,
        query = "select t from Transfer t where t.nhsNumber = :nhsNumber and t.requestingOds = :requestingOds"
                + " and t.role = uk.nhs.gp2gp.transfer.TransferRole.REQUESTER and t.status in :open")
@NamedQuery(name = Transfer.SENT_BY_PRACTICE_FOR_PATIENT,
        query = "select count(t) from Transfer t where t.nhsNumber = :nhsNumber and t.sendingOds = :odsCode"
                + " and t.role = uk.nhs.gp2gp.transfer.TransferRole.SENDER"
                + " and t.status in (uk.nhs.gp2gp.transfer.TransferStatus.EXTRACT_SENT,"
                + " uk.nhs.gp2gp.transfer.TransferStatus.COMPLETE, uk.nhs.gp2gp.transfer.TransferStatus.NOT_INTEGRATED)")
public class Transfer {

    public static final String BY_CONVERSATION_AND_ROLE = "Transfer.byConversationAndRole";
    public static final String BY_CONVERSATION = "Transfer.byConversation";
    public static final String IN_PROGRESS_FOR_PATIENT = "Transfer.inProgressForPatient";
    public static final String SENT_BY_PRACTICE_FOR_PATIENT = "Transfer.sentByPracticeForPatient";

    /** The requesting practice must integrate the record within this long of receiving it. */
    public static final Duration INTEGRATION_WINDOW = Duration.ofDays(8);

    @Id
    @SequenceGenerator(name = "transfer_seq", sequenceName = "transfer_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "transfer_seq")
    private Long id;

    @Column(name = "conversation_id")
    private String conversationId;

    @Enumerated(EnumType.STRING)
    private TransferRole role;

    @Column(name = "nhs_number")
    private String nhsNumber;

    @Column(name = "requesting_ods")
    private String requestingOds;

    @Column(name = "sending_ods")
    private String sendingOds;

    @Enumerated(EnumType.STRING)
    private TransferStatus status;

    @Column(name = "failure_code")
    private String failureCode;

    @Column(name = "failure_text")
    private String failureText;

    @Column(name = "ehr_request_id")
    private String ehrRequestId;

    @Column(name = "request_message_id")
    private String requestMessageId;

    @Column(name = "extract_message_id")
    private String extractMessageId;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "extract_received_at")
    private Instant extractReceivedAt;

    @Column(name = "integrated_at")
    private Instant integratedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "expected_parts")
    private int expectedParts;

    @Column(name = "received_parts")
    private int receivedParts;

    @Column(name = "bytes_received")
    private long bytesReceived;

    @Column(name = "returning_patient")
    private boolean returningPatient;

    /** The conversation this one retries, when an operator retried a failed transfer. */
    @Column(name = "retry_of")
    private String retryOf;

    /** The partner's system as its request named it (HL7 sending ASID): our answers go there. */
    @Column(name = "partner_asid")
    private String partnerAsid;

    /** The partner's ebXML party key as its request named it. */
    @Column(name = "partner_party_key")
    private String partnerPartyKey;

    @Version
    private int version;

    protected Transfer() {
    }

    public Transfer(String conversationId, TransferRole role, NhsNumber nhsNumber, OdsCode requestingOds,
            OdsCode sendingOds, Instant now) {
        this(conversationId, role, nhsNumber.value(), requestingOds, sendingOds, now);
    }

    /**
     * A transfer whose NHS number is kept as received, valid or not: a sender keeps the requests it
     * refused as malformed, so that they show in the console and the reports.
     */
    public Transfer(String conversationId, TransferRole role, String nhsNumberAsReceived, OdsCode requestingOds,
            OdsCode sendingOds, Instant now) {
        this.conversationId = conversationId;
        this.role = role;
        String number = nhsNumberAsReceived == null ? "" : nhsNumberAsReceived.strip();
        this.nhsNumber = number.length() <= 20 ? number : number.substring(0, 20);
        this.requestingOds = requestingOds.value();
        this.sendingOds = sendingOds.value();
        this.status = TransferStatus.initial(role);
        this.requestedAt = now;
        this.updatedAt = now;
    }

    /** Moves to the next state, or refuses a move the state machine does not allow. */
    public void moveTo(TransferStatus next, Instant now) {
        if (!status.canMoveTo(next) || !next.belongsTo(role)) {
            throw new IllegalTransitionException(status, next);
        }
        status = next;
        updatedAt = now;
        if (next.isTerminal()) {
            completedAt = now;
        }
        if (next == TransferStatus.INTEGRATED || next == TransferStatus.SUPPRESSED) {
            integratedAt = now;
        }
    }

    /** Moves to a failed state and says why, with the GP2GP reason code where there is one. */
    public void fail(TransferStatus failedState, String reasonCode, String reasonText, Instant now) {
        moveTo(failedState, now);
        failureCode = reasonCode;
        failureText = reasonText == null || reasonText.length() <= 1000 ? reasonText : reasonText.substring(0, 1000);
    }

    public void recordRequest(String ehrRequest, String requestMessage) {
        this.ehrRequestId = ehrRequest;
        this.requestMessageId = requestMessage;
    }

    /** The requesting practice's system and party key, as its request named them: answers go to these. */
    public void recordPartner(String asid, String partyKey) {
        this.partnerAsid = asid;
        this.partnerPartyKey = partyKey;
    }

    public void recordExtract(String extractMessage, Instant receivedAt) {
        this.extractMessageId = extractMessage;
        this.extractReceivedAt = receivedAt;
    }

    public void expectParts(int parts) {
        this.expectedParts = parts;
    }

    public void partReceived(long bytes) {
        this.receivedParts++;
        this.bytesReceived += bytes;
    }

    /** Large messaging: parts known so far (the core, its inline parts and every COPC) and those here. */
    public void countParts(int expected, int received, long moreBytes) {
        this.expectedParts = expected;
        this.receivedParts = received;
        this.bytesReceived += moreBytes;
    }

    public void markReturningPatient() {
        this.returningPatient = true;
    }

    public void markRetryOf(String earlierConversationId) {
        this.retryOf = earlierConversationId;
    }

    /** The final acknowledgement is due by then (8 days after the record arrived); null before it arrived. */
    public Instant integrationDeadline() {
        return extractReceivedAt == null ? null : extractReceivedAt.plus(INTEGRATION_WINDOW);
    }

    /** Integrated within the 8-day window? Null while that cannot be said yet. */
    public Boolean integratedOnTime(Instant now) {
        Instant deadline = integrationDeadline();
        if (deadline == null) {
            return null;
        }
        if (integratedAt != null) {
            return !integratedAt.isAfter(deadline);
        }
        return now.isAfter(deadline) ? Boolean.FALSE : null;
    }

    public Long getId() {
        return id;
    }

    public String getConversationId() {
        return conversationId;
    }

    public TransferRole getRole() {
        return role;
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

    /** The practice on our side of this transfer. */
    public String getHostedOds() {
        return role == TransferRole.REQUESTER ? requestingOds : sendingOds;
    }

    /** The practice on the other side. */
    public String getPartnerOds() {
        return role == TransferRole.REQUESTER ? sendingOds : requestingOds;
    }

    public TransferStatus getStatus() {
        return status;
    }

    public String getFailureCode() {
        return failureCode;
    }

    public String getFailureText() {
        return failureText;
    }

    public String getEhrRequestId() {
        return ehrRequestId;
    }

    public String getRequestMessageId() {
        return requestMessageId;
    }

    public String getExtractMessageId() {
        return extractMessageId;
    }

    public Instant getRequestedAt() {
        return requestedAt;
    }

    public Instant getExtractReceivedAt() {
        return extractReceivedAt;
    }

    public Instant getIntegratedAt() {
        return integratedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public int getExpectedParts() {
        return expectedParts;
    }

    public int getReceivedParts() {
        return receivedParts;
    }

    public long getBytesReceived() {
        return bytesReceived;
    }

    public String getRetryOf() {
        return retryOf;
    }

    public String getPartnerAsid() {
        return partnerAsid;
    }

    public String getPartnerPartyKey() {
        return partnerPartyKey;
    }

    public boolean isReturningPatient() {
        return returningPatient;
    }
}

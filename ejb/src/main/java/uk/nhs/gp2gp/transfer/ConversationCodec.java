package uk.nhs.gp2gp.transfer;

import java.io.InputStream;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The GP2GP messages of a conversation, built and read: the one place where the workflow meets
 * the message codec. Every message built gets new upper-case ids and the current time.
 */
public interface ConversationCodec {

    /** An EHR request from the requesting practice; its message id is new, its EhrRequest id given. */
    OutboundMessage ehrRequest(String conversationId, String ehrRequestId, String nhsNumber, Party requester,
            Party sender);

    /**
     * The EHR extract built from a record a practice stored (an RCMR_IN030000UK06 message or a bare
     * EhrExtract), with new ids (one id for the message and the extract), the link to the request
     * and the requesting practice as destination; the attachments travel inline ({@code cid:} parts).
     */
    OutboundMessage extract(String conversationId, String ehrRequestId, InputStream storedRecord,
            java.util.List<InlineAttachment> attachments, Party sender, Party requester);

    /** A positive or negative application acknowledgement of {@code refersTo}. */
    OutboundMessage acknowledgement(String conversationId, Party from, Party to, String refersTo, AckType type,
            ReasonCode reason);

    /**
     * The requester's continue request (a COPC, protocol 2.2): send the parts of extract
     * {@code extractMessageId} that its manifest names as sent separately.
     */
    OutboundMessage continueRequest(String conversationId, Party requester, Party sender, String extractMessageId);

    /** Reads an inbound MHS JSON envelope; throws {@link UnreadableMessageException} saying what is wrong. */
    ReceivedMessage read(byte[] envelope);

    /**
     * Checks a record a practice wants to store (an RCMR_IN030000UK06 message or a bare EhrExtract)
     * and returns the NHS number it is about; throws {@link UnreadableMessageException} otherwise.
     */
    String nhsNumberOfRecord(InputStream record);
}

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

    /**
     * The extract of a record sent by large messaging: its files announced ({@code mid:}). When its HL7
     * is longer than {@code skeletonThreshold} characters, a skeleton goes instead (protocol 2.3) and
     * the whole HL7, gzipped, is returned to be sent as one more announced part after the continue.
     */
    LargeExtract largeExtract(String conversationId, String ehrRequestId, InputStream storedRecord,
            String nhsNumber, java.util.List<ExternalPart> files, Party sender, Party requester, int skeletonThreshold,
            int fragmentSize);

    /** The extract message, and for a skeleton the original HL7 (gzipped) with the part that will carry it. */
    record LargeExtract(OutboundMessage message, byte[] gzippedOriginal, ExternalPart originalPart) {

        public boolean isSkeleton() {
            return gzippedOriginal != null;
        }
    }

    /** A COPC carrying one whole file inline (base64 text), sent as the message id the extract promised. */
    OutboundMessage filePart(String conversationId, Party sender, Party requester, String messageId, String fileName,
            String contentType, String base64);

    /**
     * A fragment index (protocol 2.2), sent as the message id the extract promised: it names one new
     * message id per fragment, in order, each fragment {@code fragmentLengths[i]} characters long.
     */
    FragmentIndex fragmentIndex(String conversationId, Party sender, Party requester, String messageId,
            String fileName, java.util.List<Long> fragmentLengths);

    /** A COPC carrying one fragment (a piece of a file's base64 text), sent as the id its index named. */
    OutboundMessage fragment(String conversationId, Party sender, Party requester, String messageId,
            String fragmentName, String base64Piece);

    /** A fragment index to send, and the message ids it gave its fragments, in order. */
    record FragmentIndex(OutboundMessage message, java.util.List<String> fragmentIds) {
    }

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

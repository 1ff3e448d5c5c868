package uk.nhs.gp2gp.message;

import java.util.List;

/**
 * {@code COPC_IN000001UK01}, the common point-to-point message (protocol 3.6). Its payload says only
 * whether it is a continue request or carries an attachment; whether an attachment message is a
 * fragment index or a fragment is said by its manifest (see {@link Gp2gpMessage#copcUse()}).
 * A COPC never names its parent: the parent lists the COPC's ebXML MessageId as a {@code mid:}
 * reference (protocol 3.8).
 *
 * @param payloadId             {@code PayloadInformation/id/@root}
 * @param fromOds               {@code Gp2gpfragment/From}
 * @param recipientOds          {@code Gp2gpfragment/Recipients/Recipient}
 * @param subject               "Continue Acknowledgement" or "Attachment: &lt;file name&gt;"
 * @param fileName              the attachment's {@code pertinentPayloadBody/value/reference/@value}
 * @param acknowledgedMessageId continue only: the extract the requester acknowledges
 * @param continueCode          continue only: the acknowledgement detail code, "0" (Continue)
 */
public record CopcMessage(Hl7Header header, Kind kind, String payloadId, String fromOds, List<String> recipientOds,
        String subject, String fileName, String acknowledgedMessageId, String continueCode) implements Hl7Message {

    public static final String CONTINUE_SUBJECT = "Continue Acknowledgement";

    /** What the payload says it is ({@code PayloadInformation/code/@code}). */
    public enum Kind {
        /** {@code GP2GP_PI}: the requester asks the sender to send the external attachments. */
        CONTINUE_REQUEST("GP2GP_PI"),
        /** {@code GP2GPLMATTACHMENTINFO}: an attachment, a fragment of one, or an index of fragments. */
        ATTACHMENT("GP2GPLMATTACHMENTINFO");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public CopcMessage {
        recipientOds = List.copyOf(recipientOds);
    }

    /** The first recipient: GP2GP sends each COPC to one practice. */
    public String toOds() {
        return recipientOds.isEmpty() ? null : recipientOds.get(0);
    }
}

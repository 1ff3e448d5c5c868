package uk.nhs.gp2gp.message;

/**
 * The HL7 transmission wrapper every payload has (protocol 3.2). ASIDs are from this message's
 * point of view: the receiver is {@code communicationFunctionRcv}, the sender {@code ...Snd}.
 *
 * @param creationTime as written: {@code yyyyMMddHHmmss}, sometimes with milliseconds
 */
public record Hl7Header(String interactionId, String messageId, String creationTime, String versionCode,
        String receiverAsid, String senderAsid) {
}

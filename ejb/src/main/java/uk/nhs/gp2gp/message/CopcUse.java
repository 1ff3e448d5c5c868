package uk.nhs.gp2gp.message;

/** The three uses of {@code COPC_IN000001UK01} (protocol 1.5, 3.6, 3.8). */
public enum CopcUse {
    /** Requester to sender: send the external attachments now. */
    CONTINUE_REQUEST,
    /** Sender to requester: an attachment too big for one message, listing its fragments ({@code mid:}). */
    FRAGMENT_INDEX,
    /** Sender to requester: one attachment, or one fragment of one, inline. */
    FRAGMENT
}

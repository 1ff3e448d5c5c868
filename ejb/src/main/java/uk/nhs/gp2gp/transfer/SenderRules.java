package uk.nhs.gp2gp.transfer;

import java.util.Optional;

/**
 * A hosted party that decides by its own rules whether a request for a record may be answered: the
 * suspended-records repository. Declared here and implemented there, so that the sender side asks
 * without depending on it.
 */
public interface SenderRules {

    /** Whether requests to this practice are decided by these rules. */
    boolean decides(String sendingOds);

    /** Checks a request (the sender transfer is new and holds it): empty when the record may be sent. */
    Optional<Refusal> check(Transfer request);

    /** Why the request is refused: the negative acknowledgement's code and the plain-English reason. */
    record Refusal(ReasonCode reason, String detail) {
    }
}

package uk.nhs.gp2gp.message;

/**
 * {@code RCMR_IN010000UK05}: the requesting practice asks the sending practice for a patient's record
 * (protocol 3.3).
 *
 * @param requestId     {@code EhrRequest/id/@root}; the extract echoes it in {@code inFulfillmentOf}
 * @param requestingOds the author: the new practice
 * @param sendingOds    the destination: the old practice
 */
public record EhrRequest(Hl7Header header, String requestId, String nhsNumber, String requestingOds,
        String sendingOds) implements Hl7Message {
}

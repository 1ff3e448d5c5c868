package uk.nhs.gp2gp.message;

import java.util.List;

/**
 * {@code RCMR_IN030000UK06} or {@code UK07}: the patient's record (protocol 3.4). Only what the
 * transfer needs is read; the clinical content stays in the payload.
 *
 * @param sendingOds    the author: the old practice
 * @param requestingOds the destination: the new practice (absent in some real extracts)
 * @param requestId     {@code inFulfillmentOf/priorEhrRequest/id/@root}: the request this answers
 * @param documents     the attachments the record refers to, in document order
 * @param redacted      some part is marked {@code NOPAT} (not to be shown to the patient; UK07)
 * @param recordXml     to send a stored record: its EhrExtract element, written as it is (clinical content
 *                      included); null when the extract is written from these fields, or was read
 */
public record EhrExtract(Hl7Header header, String extractId, String nhsNumber, String sendingOds,
        String requestingOds, String requestId, List<DocumentReference> documents, boolean redacted,
        String recordXml) implements Hl7Message {

    public EhrExtract {
        documents = List.copyOf(documents);
    }

    /** A skeleton: the real extract was too big and travels compressed as an attachment (protocol 2.3). */
    public boolean isSkeleton() {
        return documents.stream().anyMatch(DocumentReference::skeleton);
    }
}

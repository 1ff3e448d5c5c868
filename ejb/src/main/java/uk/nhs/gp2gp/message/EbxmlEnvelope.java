package uk.nhs.gp2gp.message;

import java.util.List;

/**
 * The ebXML SOAP envelope that carries every GP2GP message (protocol 3.1). Party ids are Spine party
 * keys, which say nothing of the practice's ODS code ({@code YGM24-820388} is M85019's): a practice is
 * known by its whole key, its ASID or the ODS code the HL7 payload gives. The first manifest reference
 * is the HL7 payload.
 *
 * @param timestamp as written: {@code 2013-10-25T16:59:29Z} (real ones also lack the zone, or say "null")
 * @param refToMessageId set on transport acknowledgements
 */
public record EbxmlEnvelope(String fromPartyId, String toPartyId, String cpaId, String conversationId,
        String service, String action, String messageId, String timestamp, String refToMessageId,
        boolean duplicateElimination, boolean ackRequested, List<ManifestReference> references) {

    public static final String GP2GP_SERVICE = "urn:nhs:names:services:gp2gp";

    public EbxmlEnvelope {
        references = List.copyOf(references);
    }

    /** References to parts of this message (cid:), the HL7 payload's included. */
    public List<ManifestReference> contentReferences() {
        return references.stream().filter(ManifestReference::isContent).toList();
    }

    /** References to attachments sent as messages of their own (mid:), in manifest order. */
    public List<ManifestReference> externalReferences() {
        return references.stream().filter(ManifestReference::isExternal).toList();
    }

    /** The reference to the HL7 payload: marked as such, or else the first one (protocol 3.1). */
    public ManifestReference payloadReference() {
        return references.stream().filter(ManifestReference::hl7Payload).findFirst()
                .orElse(references.isEmpty() ? null : references.get(0));
    }
}

package uk.nhs.gp2gp.message;

/**
 * A practice's GP2GP system as messages name it: the practice's ODS code, the system's ASID (in
 * the HL7 wrapper) and its party key (in the ebXML envelope).
 */
public record PracticeSystem(String odsCode, String asid, String partyKey) {
}

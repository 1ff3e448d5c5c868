package uk.nhs.gp2gp.message;

/** The HL7 payload of a GP2GP message, one record type per interaction (COPC: one for all three uses). */
public sealed interface Hl7Message permits EhrRequest, EhrExtract, Acknowledgement, CopcMessage {

    Hl7Header header();

    default Interaction interaction() {
        return Interaction.of(header().interactionId()).orElseThrow();
    }
}

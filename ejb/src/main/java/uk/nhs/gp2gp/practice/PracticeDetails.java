package uk.nhs.gp2gp.practice;

/** What the directory holds about a practice, as given by an admin or a partner system. */
public record PracticeDetails(String name, String asid, String partyKey, boolean hosted, String endpointUrl,
        String supplier, boolean nationalRepository) {

    /** A GP practice (not the national repository). */
    public PracticeDetails(String name, String asid, String partyKey, boolean hosted, String endpointUrl,
            String supplier) {
        this(name, asid, partyKey, hosted, endpointUrl, supplier, false);
    }
}

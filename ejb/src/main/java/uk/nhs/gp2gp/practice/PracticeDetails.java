package uk.nhs.gp2gp.practice;

/**
 * What the directory holds about a practice, as given by an admin or a partner system.
 *
 * @param peer the peer instance that speaks for a remote practice at /mhs/inbound (null: the MHS adaptor)
 */
public record PracticeDetails(String name, String asid, String partyKey, boolean hosted, String endpointUrl,
        String supplier, boolean nationalRepository, String peer) {

    /** A GP practice (not the national repository) reached through the MHS or hosted here. */
    public PracticeDetails(String name, String asid, String partyKey, boolean hosted, String endpointUrl,
            String supplier) {
        this(name, asid, partyKey, hosted, endpointUrl, supplier, false, null);
    }
}

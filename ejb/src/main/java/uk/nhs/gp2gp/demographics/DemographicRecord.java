package uk.nhs.gp2gp.demographics;

/**
 * A patient as the directory knows them. {@code registeredOds} is the practice they are registered
 * at, null when they are registered nowhere (suspended); {@code managingOds} holds their record.
 */
public record DemographicRecord(String nhsNumber, String registeredOds, String managingOds, boolean deceased,
        String supersededBy, java.time.Instant updatedAt) {

    public boolean isSuspended() {
        return registeredOds == null && !deceased;
    }
}

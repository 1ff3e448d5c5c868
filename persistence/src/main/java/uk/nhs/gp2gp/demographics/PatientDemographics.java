package uk.nhs.gp2gp.demographics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import uk.nhs.gp2gp.identifier.NhsNumber;

/**
 * What the local PDS stand-in knows of a patient: the practice they are registered at (none when
 * suspended), the organisation managing their record, whether they died, and the NHS number that
 * replaced this one after a merge.
 */
@Entity
@Table(name = "demographics")
public class PatientDemographics {

    @Id
    @Column(name = "nhs_number")
    private String nhsNumber;

    @Column(name = "registered_ods")
    private String registeredOds;

    @Column(name = "managing_ods")
    private String managingOds;

    private boolean deceased;

    @Column(name = "superseded_by")
    private String supersededBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private int version;

    protected PatientDemographics() {
    }

    public PatientDemographics(NhsNumber patient, Instant now) {
        this.nhsNumber = patient.value();
        this.updatedAt = now;
    }

    public void update(String registered, String managing, boolean isDeceased, String replacedBy, Instant now) {
        this.registeredOds = registered;
        this.managingOds = managing;
        this.deceased = isDeceased;
        this.supersededBy = replacedBy;
        this.updatedAt = now;
    }

    /** The organisation that now holds the record (for a suspended patient, the repository). */
    public void managedBy(String odsCode, Instant now) {
        this.managingOds = odsCode;
        this.updatedAt = now;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public String getRegisteredOds() {
        return registeredOds;
    }

    public String getManagingOds() {
        return managingOds;
    }

    public boolean isDeceased() {
        return deceased;
    }

    public String getSupersededBy() {
        return supersededBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}

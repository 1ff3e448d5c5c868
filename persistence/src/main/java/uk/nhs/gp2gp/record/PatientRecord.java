package uk.nhs.gp2gp.record;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;

/**
 * The record a hosted practice holds for a patient and sends when another practice asks for it.
 * Its extract and attachments are stored content owned by this record.
 */
@Entity
@Table(name = "patient_record")
@NamedQuery(name = PatientRecord.BY_PRACTICE_AND_PATIENT,
        query = "select r from PatientRecord r where r.odsCode = :odsCode and r.nhsNumber = :nhsNumber")
public class PatientRecord {

    public static final String BY_PRACTICE_AND_PATIENT = "PatientRecord.byPracticeAndPatient";

    @Id
    @SequenceGenerator(name = "patient_record_seq", sequenceName = "patient_record_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "patient_record_seq")
    private Long id;

    @Column(name = "ods_code")
    private String odsCode;

    @Column(name = "nhs_number")
    private String nhsNumber;

    @Column(name = "stored_at")
    private Instant storedAt;

    @Version
    private int version;

    protected PatientRecord() {
    }

    public PatientRecord(OdsCode practice, NhsNumber patient, Instant now) {
        this.odsCode = practice.value();
        this.nhsNumber = patient.value();
        this.storedAt = now;
    }

    /** A newer record replaces the old one (its content is replaced by the caller). */
    public void replaced(Instant now) {
        this.storedAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getOdsCode() {
        return odsCode;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public Instant getStoredAt() {
        return storedAt;
    }
}

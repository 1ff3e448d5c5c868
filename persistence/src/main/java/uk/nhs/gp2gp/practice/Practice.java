package uk.nhs.gp2gp.practice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import uk.nhs.gp2gp.identifier.OdsCode;

/**
 * A GP practice this instance knows: either hosted here (we send and receive records for it) or
 * remote (reached through a peer instance's endpoint or the MHS).
 */
@Entity
@Table(name = "practice")
@NamedQuery(name = Practice.ALL, query = "select p from Practice p order by p.odsCode")
public class Practice {

    public static final String ALL = "Practice.all";

    @Id
    @Column(name = "ods_code")
    private String odsCode;

    private String name;
    private String asid;

    @Column(name = "party_key")
    private String partyKey;

    private boolean hosted;

    @Column(name = "endpoint_url")
    private String endpointUrl;

    private String supplier;

    /** The national suspended-records repository, not a practice: its patients' records are held, not integrated. */
    @Column(name = "national_repository")
    private boolean nationalRepository;

    /**
     * The peer (by the name its secret has in gp2gp.inbound.peers) that speaks for this practice at
     * /mhs/inbound; null: whoever holds the shared secret (the MHS adaptor).
     */
    private String peer;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private int version;

    protected Practice() {
    }

    public Practice(OdsCode odsCode, Instant now) {
        this.odsCode = odsCode.value();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces the directory details; the ODS code never changes. */
    public void update(String name, String asid, String partyKey, boolean hosted, String endpointUrl,
            String supplier, Instant now) {
        this.name = name;
        this.asid = asid;
        this.partyKey = partyKey;
        this.hosted = hosted;
        this.endpointUrl = endpointUrl;
        this.supplier = supplier;
        this.updatedAt = now;
    }

    public void markNationalRepository(boolean isRepository) {
        this.nationalRepository = isRepository;
    }

    public void speakThrough(String peerName) {
        this.peer = peerName;
    }

    public String getPeer() {
        return peer;
    }

    public boolean isNationalRepository() {
        return nationalRepository;
    }

    public OdsCode odsCode() {
        return new OdsCode(odsCode);
    }

    public String getOdsCode() {
        return odsCode;
    }

    public String getName() {
        return name;
    }

    public String getAsid() {
        return asid;
    }

    public String getPartyKey() {
        return partyKey;
    }

    public boolean isHosted() {
        return hosted;
    }

    public String getEndpointUrl() {
        return endpointUrl;
    }

    public String getSupplier() {
        return supplier;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public int getVersion() {
        return version;
    }
}

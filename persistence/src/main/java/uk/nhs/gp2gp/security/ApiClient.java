package uk.nhs.gp2gp.security;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import uk.nhs.gp2gp.database.CommaSeparatedSetConverter;

/**
 * A partner system allowed to call the API. Only a hash of its key is stored; the key itself is
 * shown once when created. Roles say what it may do; ODS codes say for which practices
 * ({@value #ALL_PRACTICES} for all).
 */
@Entity
@Table(name = "api_client")
@NamedQuery(name = ApiClient.BY_KEY_HASH, query = "select c from ApiClient c where c.keyHash = :keyHash")
@NamedQuery(name = ApiClient.BY_NAME, query = "select c from ApiClient c where c.name = :name")
@NamedQuery(name = ApiClient.ALL, query = "select c from ApiClient c order by c.name")
public class ApiClient {

    public static final String BY_KEY_HASH = "ApiClient.byKeyHash";
    public static final String BY_NAME = "ApiClient.byName";
    public static final String ALL = "ApiClient.all";
    public static final String ALL_PRACTICES = "*";

    @Id
    @SequenceGenerator(name = "api_client_seq", sequenceName = "api_client_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_client_seq")
    private Long id;

    private String name;

    @Column(name = "key_hash")
    private String keyHash;

    /** The first characters of the key, so that people can tell their keys apart. */
    @Column(name = "key_prefix")
    private String keyPrefix;

    @Convert(converter = CommaSeparatedSetConverter.class)
    private Set<String> roles;

    @Column(name = "ods_codes")
    @Convert(converter = CommaSeparatedSetConverter.class)
    private Set<String> odsCodes;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    /** This key's own limit; null: the default (gp2gp.api.requests-per-minute). */
    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;

    @Version
    private int version;

    protected ApiClient() {
    }

    public ApiClient(String name, String keyHash, String keyPrefix, Set<String> roles, Set<String> odsCodes,
            Instant now) {
        this.name = name;
        this.keyHash = keyHash;
        this.keyPrefix = keyPrefix;
        this.roles = Set.copyOf(roles);
        this.odsCodes = Set.copyOf(odsCodes);
        this.createdAt = now;
    }

    /** A new key for the same client: the old one stops working at once. */
    public void rotate(String newKeyHash, String newKeyPrefix, Set<String> newRoles, Set<String> newOdsCodes) {
        this.keyHash = newKeyHash;
        this.keyPrefix = newKeyPrefix;
        this.roles = Set.copyOf(newRoles);
        this.odsCodes = Set.copyOf(newOdsCodes);
        this.revokedAt = null;
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public void limitRequestsPerMinute(Integer limit) {
        this.requestsPerMinute = limit;
    }

    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public boolean mayActFor(String odsCode) {
        return odsCodes.contains(ALL_PRACTICES) || odsCodes.contains(odsCode);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getKeyHash() {
        return keyHash;
    }

    public String getKeyPrefix() {
        return keyPrefix;
    }

    public Set<String> getRoles() {
        return roles;
    }

    public Set<String> getOdsCodes() {
        return odsCodes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }
}

package uk.nhs.gp2gp.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The partner systems that may call the API, and checking the keys they present. */
@Stateless
// Who may call: admins; checking a key and the start-up come before any caller.
@RolesAllowed("ADMIN")
public class ApiClients {

    /** Recording every single use would write on every request; a minute's precision is plenty. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    @PermitAll
    public Optional<ApiCaller> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isBlank() || presentedKey.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiClient> client = em.createNamedQuery(ApiClient.BY_KEY_HASH, ApiClient.class)
                .setParameter("keyHash", ApiKeys.hash(presentedKey))
                .getResultStream()
                .findFirst()
                .filter(ApiClient::isActive);
        client.ifPresent(this::recordUse);
        return client.map(c -> new ApiCaller(c.getId(), c.getName(), c.getRoles(), c.getOdsCodes(),
                c.getRequestsPerMinute()));
    }

    /**
     * Notes the key's use, at most once a minute. A bulk update, not the entity's: many requests
     * with one key at once would otherwise trip the entity's optimistic lock and fail (a 500); here
     * the first one writes and the others find nothing to do.
     */
    private void recordUse(ApiClient client) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(LAST_USED_PRECISION);
        if (client.getLastUsedAt() == null || client.getLastUsedAt().isBefore(staleBefore)) {
            em.createQuery("update ApiClient c set c.lastUsedAt = :now where c.id = :id"
                            + " and (c.lastUsedAt is null or c.lastUsedAt < :staleBefore)")
                    .setParameter("now", now).setParameter("id", client.getId())
                    .setParameter("staleBefore", staleBefore).executeUpdate();
        }
    }

    /**
     * Creates a client, with its own limit of requests per minute or null for the default; the
     * returned key is shown once and never stored.
     */
    public IssuedKey create(String name, Set<String> roles, Set<String> odsCodes, Integer requestsPerMinute) {
        if (requestsPerMinute != null && requestsPerMinute < 1) {
            throw new AccessChangeRefusedException("A key's limit must be at least one request a minute");
        }
        String key = ApiKeys.newKey();
        ApiClient client = new ApiClient(name, ApiKeys.hash(key), ApiKeys.displayPrefix(key), roles, odsCodes,
                clock.instant());
        client.limitRequestsPerMinute(requestsPerMinute);
        em.persist(client);
        return new IssuedKey(client.getId(), name, key);
    }

    /** What {@link #putWithKey} did. */
    public enum PutOutcome { CREATED, KEY_CHANGED, UNCHANGED, STAYS_REVOKED }

    /**
     * Makes the named client use exactly this key (the operator's bootstrap key), creating it if new.
     * A client revoked with this very key stays revoked: revoking in the console must outlast a
     * restart. Only another key value gives it a new start.
     */
    @PermitAll
    public PutOutcome putWithKey(String name, String key, Set<String> roles, Set<String> odsCodes) {
        if (key.length() < ApiKeys.MINIMUM_LENGTH) {
            throw new AccessChangeRefusedException("An API key needs at least " + ApiKeys.MINIMUM_LENGTH + " characters");
        }
        String hash = ApiKeys.hash(key);
        Optional<ApiClient> existing = findByName(name);
        if (existing.isEmpty()) {
            em.persist(new ApiClient(name, hash, ApiKeys.displayPrefix(key), roles, odsCodes, clock.instant()));
            return PutOutcome.CREATED;
        }
        ApiClient client = existing.get();
        if (client.getKeyHash().equals(hash)) {
            if (!client.isActive()) {
                return PutOutcome.STAYS_REVOKED;
            }
            client.rotate(hash, ApiKeys.displayPrefix(key), roles, odsCodes);
            return PutOutcome.UNCHANGED;
        }
        client.rotate(hash, ApiKeys.displayPrefix(key), roles, odsCodes);
        return PutOutcome.KEY_CHANGED;
    }

    public boolean revoke(long id) {
        ApiClient client = em.find(ApiClient.class, id);
        if (client == null) {
            return false;
        }
        client.revoke(clock.instant());
        return true;
    }

    public Optional<ApiClient> findByName(String name) {
        return em.createNamedQuery(ApiClient.BY_NAME, ApiClient.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public List<ApiClient> all() {
        return em.createNamedQuery(ApiClient.ALL, ApiClient.class).getResultList();
    }

    public record IssuedKey(long clientId, String name, String key) {
    }
}

package uk.nhs.gp2gp.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** People who sign in to the console. Passwords are kept as PBKDF2 hashes (slow, salted). */
@Stateless
public class ConsoleUsers {

    /** OWASP's 2023 advice for PBKDF2-HMAC-SHA512. */
    public static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64");

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Pbkdf2PasswordHash passwordHash;

    @Inject
    private Clock clock;

    @PostConstruct
    void configureHash() {
        passwordHash.initialize(HASH_PARAMETERS);
    }

    public boolean exists(String username) {
        return em.find(ConsoleUser.class, username) != null;
    }

    public void create(String username, char[] password, Set<String> roles) {
        em.persist(new ConsoleUser(username, passwordHash.generate(password), roles, clock.instant()));
    }
}

package uk.nhs.gp2gp.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.ejb.EJB;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;

/** People who sign in to the console. Passwords are kept as PBKDF2 hashes (slow, salted). */
@Stateless
// Who may call: admins; signing in and the start-up come before any caller.
@RolesAllowed("ADMIN")
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

    @EJB
    private AuditLog audit;

    public static final int SIGN_IN_ATTEMPTS = 5;
    public static final Duration LOCK_OUT = Duration.ofMinutes(15);
    public static final int MINIMUM_PASSWORD_LENGTH = 12;

    private static volatile String unknownUserHash;

    @PostConstruct
    void configureHash() {
        passwordHash.initialize(HASH_PARAMETERS);
    }

    @PermitAll
    public boolean exists(String username) {
        return em.find(ConsoleUser.class, username) != null;
    }

    @PermitAll
    public void create(String username, char[] password, Set<String> roles) {
        em.persist(new ConsoleUser(username, passwordHash.generate(password), roles, clock.instant()));
    }

    /**
     * Checks a sign-in. Wrong passwords are counted; after {@value #SIGN_IN_ATTEMPTS} in a row the
     * account is locked for {@link #LOCK_OUT}, even for the right password. Every attempt is audited.
     * A password is verified even for an unknown name, so the answer takes as long either way.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    @PermitAll
    public Optional<SignedIn> signIn(String username, char[] password) {
        ConsoleUser user = username == null ? null : em.find(ConsoleUser.class, username, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        boolean matches = passwordHash.verify(password, user == null ? unknownUserHash() : user.getPasswordHash());
        String refusal = null;
        if (user == null) {
            refusal = "unknown user";
        } else if (!user.isEnabled()) {
            refusal = "account disabled";
        } else if (user.isLocked(now)) {
            refusal = "account locked until " + user.getLockedUntil();
        } else if (!matches) {
            user.markSignInFailed(SIGN_IN_ATTEMPTS, now.plus(LOCK_OUT));
            refusal = user.isLocked(now) ? "wrong password; account now locked" : "wrong password";
        }
        String actor = username == null || username.isBlank() ? "(blank)"
                : username.substring(0, Math.min(60, username.length()));
        if (refusal != null) {
            audit.record(new AuditEntry(ActorType.USER, actor, "CONSOLE_SIGN_IN", "USER", actor, null,
                    Outcome.DENIED, refusal));
            return Optional.empty();
        }
        user.markSignedIn(now);
        audit.record(new AuditEntry(ActorType.USER, actor, "CONSOLE_SIGN_IN", "USER", actor, null,
                Outcome.SUCCESS, null));
        return Optional.of(new SignedIn(Set.copyOf(user.getRoles()), user.getSecurityVersion()));
    }

    /** A successful sign-in: the roles, and the security version the session keeps a copy of. */
    public record SignedIn(Set<String> roles, int securityVersion) {
    }

    /**
     * The user's security version, while they may use the console (they exist and are enabled).
     * Asked on every console request, so one small query and no lock.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    @PermitAll
    public Optional<Integer> liveSecurityVersion(String username) {
        return em.createQuery("select u.securityVersion from ConsoleUser u where u.username = :name"
                        + " and u.enabled = true", Integer.class)
                .setParameter("name", username).getResultStream().findFirst();
    }

    /** A refused sign-in that never reached the password check (too many failures from the address). */
    @PermitAll
    public void recordThrottledSignIn(String username, String address, long leftOut) {
        String actor = username == null || username.isBlank() ? "(blank)"
                : username.substring(0, Math.min(60, username.length()));
        audit.record(new AuditEntry(ActorType.USER, actor, "CONSOLE_SIGN_IN", "ADDRESS", address, null,
                Outcome.DENIED, "too many failed sign-ins from this address; password not checked"
                        + (leftOut > 0 ? "; " + leftOut + " more such refusals before this were not written" : "")));
    }

    public List<ConsoleUser> all() {
        return em.createQuery("select u from ConsoleUser u order by u.username", ConsoleUser.class).getResultList();
    }

    /** Adds a person, or changes the roles and access of one who exists; a password given replaces theirs. */
    public void save(String admin, String username, char[] newPassword, Set<String> roles, boolean enabled) {
        ConsoleUser user = em.find(ConsoleUser.class, username);
        boolean created = user == null;
        if (created) {
            if (newPassword == null || newPassword.length < MINIMUM_PASSWORD_LENGTH) {
                throw new AccessChangeRefusedException("A new user needs a password of at least "
                        + MINIMUM_PASSWORD_LENGTH + " characters");
            }
            user = new ConsoleUser(username, passwordHash.generate(newPassword), roles, clock.instant());
            em.persist(user);
        } else {
            if (username.equals(admin) && (!enabled || !roles.contains(Role.ADMIN.name()))) {
                throw new AccessChangeRefusedException("You cannot remove your own administrator access");
            }
            user.changeRoles(roles);
            if (newPassword != null && newPassword.length > 0) {
                if (newPassword.length < MINIMUM_PASSWORD_LENGTH) {
                    throw new AccessChangeRefusedException("A password needs at least " + MINIMUM_PASSWORD_LENGTH
                            + " characters");
                }
                user.changePassword(passwordHash.generate(newPassword));
            }
        }
        user.enable(enabled);
        audit.record(new AuditEntry(ActorType.USER, admin, created ? "CONSOLE_USER_CREATE" : "CONSOLE_USER_UPDATE",
                "USER", username, null, Outcome.SUCCESS, "roles " + String.join(",", new TreeSet<>(roles))
                        + (enabled ? "" : ", disabled")));
    }

    /** A fixed hash to verify against when the name is unknown: same cost, no hint that the name is wrong. */
    private String unknownUserHash() {
        if (unknownUserHash == null) {
            unknownUserHash = passwordHash.generate("no-such-user".toCharArray());
        }
        return unknownUserHash;
    }
}

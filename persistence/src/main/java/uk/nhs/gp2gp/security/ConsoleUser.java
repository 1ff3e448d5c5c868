package uk.nhs.gp2gp.security;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import uk.nhs.gp2gp.database.CommaSeparatedSetConverter;

/** A person who signs in to the admin console. The password is kept as a slow salted hash. */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    @Convert(converter = CommaSeparatedSetConverter.class)
    private Set<String> roles;

    private boolean enabled;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "failed_sign_ins")
    private int failedSignIns;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    /** Raised when the user is disabled, changes roles or gets a new password: their sessions end. */
    @Column(name = "security_version")
    private int securityVersion;

    @Version
    private int version;

    protected ConsoleUser() {
    }

    public ConsoleUser(String username, String passwordHash, Set<String> roles, Instant now) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = Set.copyOf(roles);
        this.enabled = true;
        this.createdAt = now;
    }

    public void changePassword(String newPasswordHash) {
        this.passwordHash = newPasswordHash;
        securityVersion++;
    }

    public void markSignedIn(Instant now) {
        this.lastLoginAt = now;
        this.failedSignIns = 0;
        this.lockedUntil = null;
    }

    /** Counts a wrong password; after {@code limit} in a row the account is locked until {@code lockEnds}. */
    public void markSignInFailed(int limit, Instant lockEnds) {
        failedSignIns++;
        if (failedSignIns >= limit) {
            lockedUntil = lockEnds;
            failedSignIns = 0;
        }
    }

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public void changeRoles(Set<String> newRoles) {
        if (!Set.copyOf(newRoles).equals(roles)) {
            securityVersion++;
        }
        this.roles = Set.copyOf(newRoles);
    }

    public void enable(boolean on) {
        if (enabled != on) {
            securityVersion++;
        }
        this.enabled = on;
        if (on) {
            this.lockedUntil = null;
        }
    }

    public int getSecurityVersion() {
        return securityVersion;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Set<String> getRoles() {
        return roles;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }
}

package uk.nhs.gp2gp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What ends a console user's sessions (a new security version), and what does not. */
class ConsoleUserTest {

    private final ConsoleUser user = new ConsoleUser("olive", "hash", Set.of("OPERATOR"), Instant.EPOCH);

    @Test
    void disablingChangingRolesOrANewPasswordEndTheSessions() {
        assertEquals(0, user.getSecurityVersion());
        user.enable(false);
        assertEquals(1, user.getSecurityVersion());
        user.enable(true);
        assertEquals(2, user.getSecurityVersion(), "enabled again: sessions from before stay ended");
        user.changeRoles(Set.of("AUDITOR"));
        assertEquals(3, user.getSecurityVersion());
        user.changePassword("new-hash");
        assertEquals(4, user.getSecurityVersion());
    }

    @Test
    void savingTheSameAccessOrSigningInKeepsThem() {
        user.changeRoles(Set.of("OPERATOR"));
        user.enable(true);
        user.markSignInFailed(5, Instant.EPOCH);
        user.markSignedIn(Instant.EPOCH);
        assertEquals(0, user.getSecurityVersion());
    }
}

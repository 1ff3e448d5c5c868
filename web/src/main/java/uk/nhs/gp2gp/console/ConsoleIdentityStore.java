package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import uk.nhs.gp2gp.security.AddressThrottle;
import uk.nhs.gp2gp.security.ConsoleUsers;

/**
 * Console users from the database: PBKDF2 passwords, lock-out after repeated failures, every attempt
 * audited, and failed attempts throttled per client address. Leaves for the sign-in page the
 * user's security version (the session keeps a copy) or how long the address must wait.
 */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {

    static final String SECURITY_VERSION = "gp2gp.securityVersion";
    static final String THROTTLED_SECONDS = "gp2gp.signInThrottledSeconds";

    @EJB
    private ConsoleUsers users;

    @Inject
    private SignInThrottle throttle;

    @Inject
    private HttpServletRequest request;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.throttled(address);
        if (wait.isPresent()) {
            request.setAttribute(THROTTLED_SECONDS, Math.max(1, (wait.get().toMillis() + 999) / 1000));
            AddressThrottle.Counted line = throttle.auditLine(address);
            if (line.withinLimit()) {
                users.recordThrottledSignIn(login.getCaller(), address, line.overLimitBefore());
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<ConsoleUsers.SignedIn> signedIn = users.signIn(login.getCaller(), login.getPassword().getValue());
        if (signedIn.isEmpty()) {
            throttle.failed(address);
            return CredentialValidationResult.INVALID_RESULT;
        }
        request.setAttribute(SECURITY_VERSION, signedIn.get().securityVersion());
        return new CredentialValidationResult(login.getCaller(), Set.copyOf(signedIn.get().roles()));
    }
}

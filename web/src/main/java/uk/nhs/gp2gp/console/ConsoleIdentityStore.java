package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import uk.nhs.gp2gp.security.ConsoleUsers;

/** Console users from the database: PBKDF2 passwords, lock-out after repeated failures, every attempt audited. */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {

    @EJB
    private ConsoleUsers users;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return users.signIn(login.getCaller(), login.getPassword().getValue())
                .map(roles -> new CredentialValidationResult(login.getCaller(), Set.copyOf(roles)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}

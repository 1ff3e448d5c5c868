package uk.nhs.gp2gp.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * First-start security: the operator's bootstrap API key (gp2gp.bootstrap.api-key) and the console
 * user {@code admin} (gp2gp.admin.initial-password, or a generated password printed once).
 * Neither the key nor a configured password is ever logged.
 */
@Singleton
@Startup
@DependsOn("DatabaseStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SecurityBootstrap {

    public static final String BOOTSTRAP_CLIENT = "bootstrap";
    public static final String ADMIN_USER = "admin";
    private static final System.Logger LOG = System.getLogger(SecurityBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "gp2gp.bootstrap.api-key")
    private Optional<String> bootstrapKey;

    @Inject
    @ConfigProperty(name = "gp2gp.admin.initial-password")
    private Optional<String> adminPassword;

    @EJB
    private ApiClients apiClients;

    @EJB
    private ConsoleUsers consoleUsers;

    @PostConstruct
    void bootstrap() {
        bootstrapKey.filter(key -> !key.isBlank()).ifPresent(this::putBootstrapClient);
        createAdminOnFirstStart();
    }

    private void putBootstrapClient(String key) {
        if (key.length() < ApiKeys.MINIMUM_LENGTH) {
            // Nothing of the key in the line, not even its length: the operator knows what they set.
            LOG.log(Level.ERROR, "gp2gp.bootstrap.api-key is shorter than {0} characters: not used, the API client "
                    + "''{1}'' is left as it was. Set a longer random key (openssl rand -base64 33)", ApiKeys.MINIMUM_LENGTH,
                    BOOTSTRAP_CLIENT);
            return;
        }
        // Several nodes may start at once: the loser of the race simply tries again.
        ApiClients.PutOutcome[] outcome = new ApiClients.PutOutcome[1];
        onceMore(() -> outcome[0] = apiClients.putWithKey(BOOTSTRAP_CLIENT, key, Set.of(Role.ADMIN.name()),
                Set.of(ApiClient.ALL_PRACTICES)));
        if (outcome[0] == ApiClients.PutOutcome.STAYS_REVOKED) {
            LOG.log(Level.WARNING, "API client ''{0}'' was revoked with the key gp2gp.bootstrap.api-key still "
                    + "gives: it stays revoked. Set a new key value to use the bootstrap client again",
                    BOOTSTRAP_CLIENT);
        } else {
            LOG.log(Level.INFO, "API client ''{0}'' set from gp2gp.bootstrap.api-key (key starts {1}...; {2})",
                    BOOTSTRAP_CLIENT, ApiKeys.displayPrefix(key), outcome[0].name().toLowerCase().replace('_', ' '));
        }
    }

    private void createAdminOnFirstStart() {
        if (consoleUsers.exists(ADMIN_USER)) {
            return;
        }
        Optional<String> configured = adminPassword.filter(p -> !p.isBlank());
        String password = configured.orElseGet(SecurityBootstrap::generatePassword);
        onceMore(() -> {
            if (!consoleUsers.exists(ADMIN_USER)) {
                consoleUsers.create(ADMIN_USER, password.toCharArray(), Set.of(Role.ADMIN.name()));
            }
        });
        if (configured.isPresent()) {
            LOG.log(Level.INFO, "Console user ''{0}'' created with gp2gp.admin.initial-password", ADMIN_USER);
        } else {
            // Printed once, on the first start only, so that the operator can sign in and change it.
            LOG.log(Level.WARNING, "Console user ''{0}'' created with the generated password: {1} "
                    + "(set gp2gp.admin.initial-password to choose one)", ADMIN_USER, password);
        }
    }

    private static void onceMore(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException first) {
            work.run();
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

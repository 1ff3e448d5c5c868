package uk.nhs.gp2gp.console;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.security.AddressThrottle;

/**
 * Failed console sign-ins per client address (gp2gp.console.failed-sign-ins-per-minute): beyond
 * them the address is refused until its minute is over, without a password check. The per-account
 * lock-out stops guessing one account's password; this stops trying one password on many accounts.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    @ConfigProperty(name = "gp2gp.console.failed-sign-ins-per-minute", defaultValue = "10")
    int failuresPerMinute;

    @Inject
    private Clock clock;

    private AddressThrottle failures;
    private AddressThrottle auditLines;

    @PostConstruct
    void start() {
        failures = new AddressThrottle(failuresPerMinute, WINDOW, clock);
        auditLines = new AddressThrottle(1, WINDOW, clock);
    }

    Optional<Duration> throttled(String address) {
        return failures.blockedFor(address);
    }

    void failed(String address) {
        failures.count(address);
    }

    /** Whether to audit this throttled attempt (one line a minute per address), and how many were left out before. */
    AddressThrottle.Counted auditLine(String address) {
        return auditLines.count(address);
    }
}

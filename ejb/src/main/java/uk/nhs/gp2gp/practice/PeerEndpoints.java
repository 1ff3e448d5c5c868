package uk.nhs.gp2gp.practice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rule for a remote practice's {@code endpointUrl}: messages and peer secrets travel to it, so
 * it must be {@code https://}, unless {@code gp2gp.inbound.open=true} (development) allows plain http.
 * The directory (API and console) and the loopback transport both ask here.
 */
@ApplicationScoped
public class PeerEndpoints {

    @Inject
    @ConfigProperty(name = "gp2gp.inbound.open", defaultValue = "false")
    boolean open;

    /** Why {@code endpointUrl} may not be used, or empty when it may (no endpoint: nothing to check). */
    public Optional<String> refusal(String endpointUrl) {
        return refusal(endpointUrl, open);
    }

    static Optional<String> refusal(String endpointUrl, boolean open) {
        if (endpointUrl == null || endpointUrl.isBlank()) {
            return Optional.empty();
        }
        String url = endpointUrl.strip().toLowerCase(Locale.ROOT);
        if (url.startsWith("https://") || (open && url.startsWith("http://"))) {
            return Optional.empty();
        }
        return Optional.of("must be an https:// URL (plain http:// only with gp2gp.inbound.open=true, for development)");
    }
}

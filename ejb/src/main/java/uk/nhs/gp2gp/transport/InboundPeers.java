package uk.nhs.gp2gp.transport;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.practice.Practice;

/**
 * The secrets that callers of /mhs/inbound prove, and that we send to peers: one shared secret
 * for the MHS adaptor ({@code gp2gp.inbound.shared-secret}) and one per peer instance
 * ({@code gp2gp.inbound.peers}: {@code name=secret,name=secret}). A pair of peers shares one secret;
 * the directory names the peer that speaks for each remote practice. Secrets are never logged.
 */
@ApplicationScoped
public class InboundPeers {

    private static final System.Logger LOG = System.getLogger(InboundPeers.class.getName());
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
    /** Shorter secrets are refused: they could be guessed. */
    static final int MIN_SECRET_LENGTH = 16;

    @Inject
    @ConfigProperty(name = "gp2gp.inbound.shared-secret")
    Optional<String> sharedSecret;

    @Inject
    @ConfigProperty(name = "gp2gp.inbound.peers")
    Optional<String> peerSecrets;

    private final Map<String, byte[]> peers = new LinkedHashMap<>();

    @PostConstruct
    void load() {
        for (String entry : peerSecrets.orElse("").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry.strip() : entry.substring(0, equals).strip();
            String secret = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (!NAME.matcher(name).matches() || secret.length() < MIN_SECRET_LENGTH) {
                // Named without its secret: a peer left out is refused (401), which its operator will see.
                LOG.log(Level.ERROR, "gp2gp.inbound.peers: entry for ''{0}'' left out: write name=secret, the name in "
                        + "lower-case letters, digits and hyphens, the secret at least {1} characters",
                        NAME.matcher(name).matches() ? name : "?", MIN_SECRET_LENGTH);
                continue;
            }
            peers.put(name, secret.getBytes(StandardCharsets.UTF_8));
        }
        if (isOpen()) {
            LOG.log(Level.WARNING, "/mhs/inbound is open: anyone who reaches it may send GP2GP messages. Set "
                    + "gp2gp.inbound.shared-secret (the MHS adaptor) and gp2gp.inbound.peers (peer instances).");
        } else {
            LOG.log(Level.INFO, "/mhs/inbound wants a secret: shared secret {0}, peers {1}",
                    shared().isPresent() ? "set" : "not set", peers.keySet());
        }
    }

    /** No secret configured: /mhs/inbound takes anyone (development only). */
    public boolean isOpen() {
        return shared().isEmpty() && peers.isEmpty();
    }

    /** The caller proving {@code given}, or empty when it proves nothing we know. */
    public Optional<InboundSource> identify(String given) {
        if (isOpen()) {
            return Optional.of(InboundSource.UNAUTHENTICATED);
        }
        if (given == null || given.isEmpty()) {
            return Optional.empty();
        }
        byte[] offered = given.getBytes(StandardCharsets.UTF_8);
        InboundSource found = null;
        // Every secret is compared, each in constant time, so that timing tells nothing of which matched.
        if (shared().isPresent() && MessageDigest.isEqual(offered, shared().get())) {
            found = InboundSource.MHS;
        }
        for (Map.Entry<String, byte[]> peer : peers.entrySet()) {
            if (MessageDigest.isEqual(offered, peer.getValue()) && found == null) {
                found = InboundSource.peer(peer.getKey());
            }
        }
        return Optional.ofNullable(found);
    }

    /** What we send to the instance hosting {@code destination}: its peer's secret, else the shared one. */
    public Optional<String> secretFor(Practice destination) {
        byte[] secret = destination.getPeer() == null ? null : peers.get(destination.getPeer());
        if (secret != null) {
            return Optional.of(new String(secret, StandardCharsets.UTF_8));
        }
        return sharedSecret.filter(s -> !s.isBlank());
    }

    private Optional<byte[]> shared() {
        return sharedSecret.filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}

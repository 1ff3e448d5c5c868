package uk.nhs.gp2gp.transport;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
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
 * <p>
 * Fails closed: with no secret at all the door answers 401, unless {@code gp2gp.inbound.open=true}
 * (development). Once a secret is configured it is always required, open or not. A setting that
 * cannot be used stops the start ({@link InboundDoorCheck}) rather than leave a door half open.
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

    @Inject
    @ConfigProperty(name = "gp2gp.inbound.open", defaultValue = "false")
    boolean open;

    private Map<String, byte[]> peers = Map.of();
    private byte[] shared;

    /** Reads the settings; an unusable one throws {@link IllegalStateException} naming it (never the secret). */
    @PostConstruct
    void load() {
        peers = parsePeers(peerSecrets.orElse(""));
        shared = parseShared(sharedSecret.orElse(""));
    }

    /** Says at start what the door does; the development door loudly. */
    void announce() {
        if (isOpen()) {
            LOG.log(Level.WARNING, "gp2gp.inbound.open=true and no secret set: /mhs/inbound is OPEN, anyone who "
                    + "reaches it may send GP2GP messages, and peer endpoints may be plain http://. Development only: "
                    + "set gp2gp.inbound.shared-secret (the MHS adaptor) and gp2gp.inbound.peers (peer instances).");
        } else if (open) {
            LOG.log(Level.WARNING, "gp2gp.inbound.open=true: peer endpoints may be plain http:// and remote practices "
                    + "without a peer are sent to with no secret (development only); /mhs/inbound still wants a "
                    + "secret: shared secret {0}, peers {1}", shared != null ? "set" : "not set", peers.keySet());
        } else if (shared == null && peers.isEmpty()) {
            LOG.log(Level.INFO, "/mhs/inbound is closed (401 to every caller): no gp2gp.inbound.shared-secret or "
                    + "gp2gp.inbound.peers set. Practices hosted here still exchange messages in-process.");
        } else {
            LOG.log(Level.INFO, "/mhs/inbound wants a secret: shared secret {0}, peers {1}",
                    shared != null ? "set" : "not set", peers.keySet());
        }
    }

    /** {@code name=secret,name=secret}; an entry that cannot be used throws, naming the entry but not its secret. */
    static Map<String, byte[]> parsePeers(String setting) {
        Map<String, byte[]> parsed = new LinkedHashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry.strip() : entry.substring(0, equals).strip();
            String secret = equals < 0 ? "" : entry.substring(equals + 1).strip();
            String shown = NAME.matcher(name).matches() ? "'" + name + "'" : "number " + (parsed.size() + 1);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("gp2gp.inbound.peers: entry " + shown + " has no usable name: write "
                        + "name=secret, the name in lower-case letters, digits and hyphens");
            }
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("gp2gp.inbound.peers: the secret of peer " + shown + " is "
                        + (secret.isEmpty() ? "missing" : "shorter than " + MIN_SECRET_LENGTH + " characters")
                        + ": write name=secret, the secret at least " + MIN_SECRET_LENGTH + " characters");
            }
            if (parsed.put(name, secret.getBytes(StandardCharsets.UTF_8)) != null) {
                throw new IllegalStateException("gp2gp.inbound.peers: peer " + shown + " is named twice");
            }
        }
        return Collections.unmodifiableMap(parsed);
    }

    /** The shared secret's bytes, null when unset; too short throws. */
    static byte[] parseShared(String setting) {
        String secret = setting.strip();
        if (secret.isEmpty()) {
            return null;
        }
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException("gp2gp.inbound.shared-secret is shorter than " + MIN_SECRET_LENGTH
                    + " characters: set a longer one (or none, and /mhs/inbound answers 401)");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /** No secret configured and {@code gp2gp.inbound.open=true}: /mhs/inbound takes anyone (development only). */
    public boolean isOpen() {
        return open && shared == null && peers.isEmpty();
    }

    /** No secret configured and not open: every caller of /mhs/inbound gets 401. */
    public boolean isClosed() {
        return !open && shared == null && peers.isEmpty();
    }

    /** {@code gp2gp.inbound.open=true}: development, plain http peers and peers without a secret allowed. */
    public boolean isDevelopment() {
        return open;
    }

    /** The caller proving {@code given}, or empty when it proves nothing we know (always, with no secret set and not open). */
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
        if (shared != null && MessageDigest.isEqual(offered, shared)) {
            found = InboundSource.MHS;
        }
        for (Map.Entry<String, byte[]> peer : peers.entrySet()) {
            if (MessageDigest.isEqual(offered, peer.getValue()) && found == null) {
                found = InboundSource.peer(peer.getKey());
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * What we send to the instance hosting {@code destination}: its own peer's secret, or nothing. The MHS
     * adaptor's shared secret is never sent to a peer: whoever held it could speak for every practice the
     * MHS reaches.
     */
    public Optional<String> secretFor(Practice destination) {
        byte[] secret = destination.getPeer() == null ? null : peers.get(destination.getPeer());
        return Optional.ofNullable(secret).map(s -> new String(s, StandardCharsets.UTF_8));
    }
}

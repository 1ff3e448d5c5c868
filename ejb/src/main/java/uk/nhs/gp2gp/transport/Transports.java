package uk.nhs.gp2gp.transport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.practice.Practice;

/**
 * The transport chosen by {@code gp2gp.transport}: {@code loopback} (default) or {@code mhs}. A
 * practice hosted here is reached in-process whatever is chosen: /mhs/inbound refuses any message
 * that claims to come from one of our practices, so nothing of theirs may go round through the MHS.
 */
@ApplicationScoped
public class Transports {

    @Inject
    @ConfigProperty(name = "gp2gp.transport", defaultValue = "loopback")
    String chosen;

    @Inject
    LoopbackTransport loopback;

    @Inject
    MhsTransport mhs;

    /** How a message reaches {@code destination}. */
    public Transport to(Practice destination) {
        return destination.isHosted() ? loopback : current();
    }

    public Transport current() {
        return switch (chosen.strip().toLowerCase()) {
            case "mhs" -> mhs;
            case "loopback" -> loopback;
            default -> throw new IllegalStateException("gp2gp.transport must be loopback or mhs, not " + chosen);
        };
    }
}

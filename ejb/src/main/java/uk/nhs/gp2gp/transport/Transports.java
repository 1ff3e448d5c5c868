package uk.nhs.gp2gp.transport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The transport chosen by {@code gp2gp.transport}: {@code loopback} (default) or {@code mhs}. */
@ApplicationScoped
public class Transports {

    @Inject
    @ConfigProperty(name = "gp2gp.transport", defaultValue = "loopback")
    private String chosen;

    @Inject
    private LoopbackTransport loopback;

    @Inject
    private MhsTransport mhs;

    public Transport current() {
        return switch (chosen.strip().toLowerCase()) {
            case "mhs" -> mhs;
            case "loopback" -> loopback;
            default -> throw new IllegalStateException("gp2gp.transport must be loopback or mhs, not " + chosen);
        };
    }
}

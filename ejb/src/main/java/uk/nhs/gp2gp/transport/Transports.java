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

    /** Whether a practice the directory does not list can be reached: only the MHS adaptor routes by ODS code alone. */
    public boolean routesUnlisted() {
        return current() == mhs;
    }

    /**
     * Sends to a practice the directory does not list (a requester the NHS adaptors would answer too):
     * through the MHS adaptor, which finds its route from the ODS code; with no MHS there is no route.
     */
    public void sendToUnlisted(OutboundMessage message) throws TransportException {
        if (!routesUnlisted()) {
            throw new TransportException("Practice " + message.toOds() + " is not in the practice directory, and only "
                    + "the MHS adaptor routes to a practice by its ODS code alone (gp2gp.transport is " + chosen + ")",
                    false);
        }
        mhs.send(message, message.toOds());
    }

    public Transport current() {
        return switch (chosen.strip().toLowerCase()) {
            case "mhs" -> mhs;
            case "loopback" -> loopback;
            default -> throw new IllegalStateException("gp2gp.transport must be loopback or mhs, not " + chosen);
        };
    }
}

package uk.nhs.gp2gp.transport;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long one outbound call may take, and how long a node holds a message it claimed to send. The
 * lease is at least twice the longest call (the call, and as much again to load the message and
 * record the result on a loaded node), so a slow send is never claimed by a second node while it is
 * still under way. Checked at start: a lease too short for the timeout stops the deployment.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboundSettings {

    static final String TIMEOUT_KEY = "gp2gp.outbound.timeout";
    static final String LEASE_KEY = "gp2gp.outbox.lease";

    /** The whole of one HTTP call to the MHS adaptor or a peer: connecting, sending, the answer. */
    @Inject
    @ConfigProperty(name = TIMEOUT_KEY, defaultValue = "PT2M")
    Duration timeout;

    /** Unset: twice the timeout. */
    @Inject
    @ConfigProperty(name = LEASE_KEY)
    Optional<Duration> lease;

    @PostConstruct
    void check() {
        lease();
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration lease() {
        Duration shortest = timeout.multipliedBy(2);
        Duration chosen = lease.orElse(shortest);
        if (chosen.compareTo(shortest) < 0) {
            throw new IllegalStateException(LEASE_KEY + " (" + chosen + ") must be at least twice " + TIMEOUT_KEY
                    + " (" + timeout + "), or a slow send could be claimed and sent a second time");
        }
        return chosen;
    }
}

package uk.nhs.gp2gp.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TEST ONLY (added to the deployment by the ITs that need it, never part of the built WAR): the
 * application's time, which a test freezes at an instant and moves forward. Until then it is the
 * system clock. Only forward: scheduled work and leases must never see time run backwards.
 */
@ApplicationScoped
public class ItClock {

    private final AtomicReference<Instant> frozenAt = new AtomicReference<>();

    public Instant instant() {
        Instant frozen = frozenAt.get();
        return frozen != null ? frozen : Instant.now();
    }

    public synchronized Instant freezeAt(Instant instant) {
        if (instant.isBefore(instant())) {
            throw new IllegalArgumentException("The test clock only goes forward");
        }
        frozenAt.set(instant);
        return instant;
    }

    public synchronized Instant advance(Duration by) {
        return freezeAt(instant().plus(by));
    }
}

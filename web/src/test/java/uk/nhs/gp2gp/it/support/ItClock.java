package uk.nhs.gp2gp.it.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * TEST ONLY (added to the deployment by the ITs that need it, never part of the built WAR): the
 * application's time, which a test freezes at an instant and moves forward, or shifts ahead while
 * it keeps running (leases and back-offs then still run out). Until then it is the system clock.
 * Only forward: scheduled work and leases must never see time run backwards.
 */
@ApplicationScoped
public class ItClock {

    private final AtomicReference<Instant> frozenAt = new AtomicReference<>();
    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    public Instant instant() {
        Instant frozen = frozenAt.get();
        return frozen != null ? frozen : Instant.now().plus(ahead.get());
    }

    /** Moves the running clock on by {@code by}; it keeps running (a frozen one stays frozen). */
    public synchronized Instant shift(Duration by) {
        if (frozenAt.get() != null) {
            return advance(by);
        }
        ahead.set(ahead.get().plus(by));
        return instant();
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

    /** Lets a frozen clock run on from where it stands (the next test class on this server needs time to pass). */
    public synchronized Instant run() {
        Instant frozen = frozenAt.get();
        if (frozen != null) {
            ahead.set(Duration.between(Instant.now(), frozen));
            frozenAt.set(null);
        }
        return instant();
    }
}

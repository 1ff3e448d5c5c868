package uk.nhs.gp2gp.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressThrottleTest {

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T09:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final MovableClock clock = new MovableClock();
    private final AddressThrottle throttle = new AddressThrottle(10, Duration.ofMinutes(1), clock);

    @Test
    void tenFailuresAMinuteThenBlockedUntilTheWindowEnds() {
        for (int i = 1; i <= 10; i++) {
            assertEquals(Optional.empty(), throttle.blockedFor("10.0.0.1"), "not blocked before failure " + i);
            assertTrue(throttle.count("10.0.0.1").withinLimit());
            clock.advance(Duration.ofSeconds(1));
        }
        // The window opened with the first failure, 10 s ago: 50 s left.
        assertEquals(Optional.of(Duration.ofSeconds(50)), throttle.blockedFor("10.0.0.1"));
        assertFalse(throttle.count("10.0.0.1").withinLimit());
        clock.advance(Duration.ofSeconds(49));
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.blockedFor("10.0.0.1"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), throttle.blockedFor("10.0.0.1"), "the window is over at its last instant");
        assertTrue(throttle.count("10.0.0.1").withinLimit(), "a new window");
    }

    @Test
    void eachAddressHasItsOwnAllowance() {
        for (int i = 0; i < 10; i++) {
            throttle.count("10.0.0.1");
        }
        assertTrue(throttle.blockedFor("10.0.0.1").isPresent());
        assertEquals(Optional.empty(), throttle.blockedFor("10.0.0.2"));
        assertTrue(throttle.count("10.0.0.2").withinLimit());
    }

    @Test
    void oneLineAMinuteSaysHowManyWereLeftOutBefore() {
        AddressThrottle lines = new AddressThrottle(1, Duration.ofMinutes(1), clock);
        AddressThrottle.Counted first = lines.count("10.0.0.1 401");
        assertTrue(first.withinLimit());
        assertEquals(0, first.overLimitBefore());
        for (int i = 0; i < 499; i++) {
            assertFalse(lines.count("10.0.0.1 401").withinLimit());
        }
        assertTrue(lines.count("10.0.0.1 403").withinLimit(), "another kind, another line");
        clock.advance(Duration.ofMinutes(1));
        AddressThrottle.Counted next = lines.count("10.0.0.1 401");
        assertTrue(next.withinLimit());
        assertEquals(499, next.overLimitBefore());
        assertEquals(0, lines.count("10.0.0.1 401").overLimitBefore(), "said once");
    }

    @Test
    void aFloodFromManyAddressesDoesNotGrowWithoutEnd() {
        for (int i = 0; i < 30_000; i++) {
            throttle.count("10.1." + (i / 250) + "." + (i % 250));
            if (i % 10_000 == 9_999) {
                clock.advance(Duration.ofMinutes(2));
            }
        }
        // Every earlier window has ended and was tidied away; the address still counts afresh.
        assertTrue(throttle.count("10.1.0.0").withinLimit());
    }

    @Test
    void refusesAThrottleThatAllowsNothing() {
        assertThrows(IllegalArgumentException.class, () -> new AddressThrottle(0, Duration.ofMinutes(1), clock));
    }
}

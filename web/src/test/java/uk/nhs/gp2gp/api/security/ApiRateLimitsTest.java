package uk.nhs.gp2gp.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiRateLimitsTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aKeyMayBurstUpToItsLimitThenWaitsForTheRefill() {
        ApiRateLimits.Bucket bucket = new ApiRateLimits.Bucket(60, 0);
        for (int i = 0; i < 60; i++) {
            assertTrue(bucket.take(0).isEmpty(), "request " + i + " of the first minute's burst");
        }
        Optional<Duration> wait = bucket.take(0);
        assertEquals(Optional.of(Duration.ofSeconds(1)), wait, "60 a minute: one more a second");
        assertTrue(bucket.take(SECOND / 2).isPresent(), "half a second later: still nothing");
        assertTrue(bucket.take(SECOND).isEmpty(), "a second later: one");
        assertTrue(bucket.take(SECOND).isPresent());
    }

    @Test
    void anIdleKeyGetsNoMoreThanItsLimitBack() {
        ApiRateLimits.Bucket bucket = new ApiRateLimits.Bucket(10, 0);
        long anHourLater = 3600 * SECOND;
        int taken = 0;
        while (bucket.take(anHourLater).isEmpty()) {
            taken++;
        }
        assertEquals(10, taken);
    }
}

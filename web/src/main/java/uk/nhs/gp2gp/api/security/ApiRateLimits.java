package uk.nhs.gp2gp.api.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.security.ApiCaller;

/**
 * How many requests each API key may make: a token bucket per key that holds a minute's worth
 * (so a key may burst up to its limit) and refills at its rate. Per node: with N nodes behind a
 * balancer a key gets up to N times its limit, which is the point of adding nodes.
 */
@ApplicationScoped
public class ApiRateLimits {

    @Inject
    @ConfigProperty(name = "gp2gp.api.requests-per-minute", defaultValue = "6000")
    int defaultPerMinute;

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one request from the caller's allowance; when there is none, how long until there is. */
    public Optional<Duration> take(ApiCaller caller) {
        int perMinute = caller.requestsPerMinute() != null ? caller.requestsPerMinute() : defaultPerMinute;
        Bucket bucket = buckets.compute(caller.clientId(),
                (id, existing) -> existing != null && existing.perMinute == perMinute ? existing
                        : new Bucket(perMinute, System.nanoTime()));
        return bucket.take(System.nanoTime());
    }

    static final class Bucket {

        private static final double NANOS_PER_MINUTE = 60e9;
        final int perMinute;
        private double tokens;
        private long refilledAt;

        Bucket(int perMinute, long now) {
            this.perMinute = perMinute;
            this.tokens = perMinute;
            this.refilledAt = now;
        }

        synchronized Optional<Duration> take(long now) {
            tokens = Math.min(perMinute, tokens + (now - refilledAt) * perMinute / NANOS_PER_MINUTE);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) ((1 - tokens) * NANOS_PER_MINUTE / perMinute)));
        }
    }
}

package uk.nhs.gp2gp.it.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * TEST ONLY: replaces the application's clock (uk.nhs.gp2gp.time.ClockProducer) with {@link ItClock}
 * in the deployments that include this class. The built WAR has no way to move its clock.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class ItClockProducer {

    @Inject
    private ItClock time;

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone);
            }

            @Override
            public Instant instant() {
                return time.instant();
            }
        };
    }
}

package uk.nhs.gp2gp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The outbox lease outlasts the slowest outbound call, so a slow send is never claimed twice. */
class OutboundSettingsTest {

    @Test
    void unsetTheLeaseIsTwiceTheTimeout() {
        assertEquals(Duration.ofMinutes(4), settings("PT2M", null).lease());
    }

    @Test
    void aLeaseOfAtLeastTwiceTheTimeoutIsTaken() {
        assertEquals(Duration.ofSeconds(10), settings("PT5S", "PT10S").lease());
        assertEquals(Duration.ofMinutes(30), settings("PT2M", "PT30M").lease());
    }

    @Test
    void aLeaseShorterThanTwiceTheTimeoutStopsTheStart() {
        OutboundSettings tooShort = settings("PT2M", "PT2M");
        IllegalStateException e = assertThrows(IllegalStateException.class, tooShort::check);
        assertTrue(e.getMessage().contains("gp2gp.outbox.lease") && e.getMessage().contains("gp2gp.outbound.timeout"),
                e.getMessage());
    }

    private static OutboundSettings settings(String timeout, String lease) {
        OutboundSettings settings = new OutboundSettings();
        settings.timeout = Duration.parse(timeout);
        settings.lease = Optional.ofNullable(lease).map(Duration::parse);
        return settings;
    }
}

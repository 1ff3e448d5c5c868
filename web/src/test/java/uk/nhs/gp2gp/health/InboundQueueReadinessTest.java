package uk.nhs.gp2gp.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.spi.HealthCheckResponseProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.mhs.InboundQueueConsumer;
import uk.nhs.gp2gp.mhs.InboundQueueConsumers;

/** /health/ready answers anyone: it says whether the queue is consumed, never where the broker or the queue is. */
class InboundQueueReadinessTest {

    @BeforeAll
    static void withoutAServer() {
        HealthCheckResponse.setResponseProvider(PlainResponses::new);
    }

    @Test
    void aConfiguredQueueWhoseBrokerIsAwayIsDownWithAGenericReasonOnly() throws Exception {
        InboundQueueConsumer away = InboundQueueConsumers.notConnected(List.of("amqp://mq-7.internal.example:5672"),
                "gp2gp-inbound-queue-x");

        HealthCheckResponse response = readiness(away).call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals(Map.of("reason", "the broker cannot be reached"), response.getData().orElseThrow());
        String said = response.getData().orElseThrow().toString();
        assertFalse(said.contains("mq-7") || said.contains("gp2gp-inbound-queue-x"), said);
    }

    private static InboundQueueReadiness readiness(InboundQueueConsumer consumer) throws Exception {
        InboundQueueReadiness readiness = new InboundQueueReadiness();
        Field field = InboundQueueReadiness.class.getDeclaredField("consumer");
        field.setAccessible(true);
        field.set(readiness, consumer);
        return readiness;
    }

    /** The API's own response, as a server's provider builds it. */
    private static final class PlainResponses extends HealthCheckResponseBuilder {
        private String name;
        private HealthCheckResponse.Status status = HealthCheckResponse.Status.DOWN;
        private final Map<String, Object> data = new LinkedHashMap<>();

        @Override
        public HealthCheckResponseBuilder name(String name) {
            this.name = name;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            return status(true);
        }

        @Override
        public HealthCheckResponseBuilder down() {
            return status(false);
        }

        @Override
        public HealthCheckResponseBuilder status(boolean up) {
            status = up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, status, Optional.of(Map.copyOf(data)));
        }
    }
}

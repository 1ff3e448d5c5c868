package uk.nhs.gp2gp.mhs;

import java.time.Duration;
import java.util.List;

/** Consumers for the tests of other packages (the readiness check), without a broker. */
public final class InboundQueueConsumers {

    private InboundQueueConsumers() {
    }

    /** Configured for these brokers and queue, never started: not connected. */
    public static InboundQueueConsumer notConnected(List<String> brokers, String queue) {
        return new InboundQueueConsumer(null, null, new InboundQueueSettings(brokers, queue, queue + ".dlq", "", null,
                null, 1, Duration.ofSeconds(1)));
    }
}

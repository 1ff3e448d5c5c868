package uk.nhs.gp2gp.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import uk.nhs.gp2gp.mhs.InboundQueueConsumer;

/**
 * Ready to take the MHS adaptor's messages when its inbound queue is consumed: down while a configured
 * queue's broker cannot be reached (messages wait on the queue). Without a queue, up: nothing to consume.
 * The endpoint is unauthenticated: it names no broker host and no queue, only a generic reason.
 */
@Readiness
@ApplicationScoped
public class InboundQueueReadiness implements HealthCheck {

    @Inject
    private InboundQueueConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        boolean up = !consumer.isConfigured() || consumer.isConnected();
        return HealthCheckResponse.named("mhs-inbound-queue").status(up)
                .withData("reason", !consumer.isConfigured() ? "not configured"
                        : up ? "consuming" : "the broker cannot be reached").build();
    }
}

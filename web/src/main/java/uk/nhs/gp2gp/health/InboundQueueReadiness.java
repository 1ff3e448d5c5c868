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
 */
@Readiness
@ApplicationScoped
public class InboundQueueReadiness implements HealthCheck {

    @Inject
    private InboundQueueConsumer consumer;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mhs-inbound-queue")
                .status(!consumer.isConfigured() || consumer.isConnected())
                .withData("queue", consumer.describe()).build();
    }
}

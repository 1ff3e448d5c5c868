package uk.nhs.gp2gp.mhs;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.policy.JmsDefaultPrefetchPolicy;
import org.eclipse.microprofile.config.Config;

/**
 * Where the MHS adaptor's inbound queue is (gp2gp.inbound.amqp.*, README): its brokers (none: no
 * consumer), the queue and its dead-letter queue, the broker's address prefix for a queue (RabbitMQ
 * 3.x: {@code /amq/queue/}; ActiveMQ, Amazon MQ, Azure Service Bus: none), and how often a message is
 * tried before it is set aside.
 */
record InboundQueueSettings(List<String> brokers, String queue, String deadLetterQueue, String addressPrefix,
        String username, String password, int maxAttempts, Duration retryDelay) {

    static final String PREFIX = "gp2gp.inbound.amqp.";

    /**
     * Attempts at a message that fails for a technical reason: with the default retry-delay (2 s, doubling
     * up to a minute) the last comes some five minutes after the first, after a database failover.
     */
    static final int DEFAULT_MAX_ATTEMPTS = 10;

    /** The longest pause between two attempts at one message. */
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    /** The longest wait between two reconnection attempts when every broker is away. */
    static final int MAX_RECONNECT_DELAY_MS = 10_000;

    static InboundQueueSettings read(Config config) {
        InboundQueueSettings settings = new InboundQueueSettings(
                brokers(config.getOptionalValue(PREFIX + "brokers", String.class).orElse("")),
                config.getOptionalValue(PREFIX + "queue", String.class).orElse("inbound"),
                config.getOptionalValue(PREFIX + "dead-letter-queue", String.class).orElse("inbound.dlq"),
                config.getOptionalValue(PREFIX + "address-prefix", String.class).orElse(""),
                config.getOptionalValue(PREFIX + "username", String.class).orElse(null),
                config.getOptionalValue(PREFIX + "password", String.class).orElse(null),
                config.getOptionalValue(PREFIX + "max-attempts", Integer.class).orElse(DEFAULT_MAX_ATTEMPTS),
                config.getOptionalValue(PREFIX + "retry-delay", Duration.class).orElse(Duration.ofSeconds(2)));
        if (settings.maxAttempts < 1) {
            throw new IllegalStateException(PREFIX + "max-attempts must be at least 1");
        }
        return settings;
    }

    /** Comma-separated URIs, or one failover URI of the operator's own (its commas are its own). */
    private static List<String> brokers(String setting) {
        if (setting.strip().startsWith("failover:")) {
            return List.of(setting.strip());
        }
        return Arrays.stream(setting.split(",")).map(String::strip).filter(uri -> !uri.isEmpty()).toList();
    }

    boolean configured() {
        return !brokers.isEmpty();
    }

    /**
     * One Qpid JMS failover URI over every broker (also for a single one: it reconnects for ever when the
     * broker goes away). A broker given as a failover URI of its own is taken as it is.
     */
    String connectionUri() {
        if (brokers.get(0).startsWith("failover:")) {
            return brokers.get(0);
        }
        return "failover:(" + String.join(",", brokers) + ")?failover.maxReconnectDelay=" + MAX_RECONNECT_DELAY_MS;
    }

    /**
     * The client: one message prefetched at a time, so that nodes sharing the queue share its messages;
     * property names as the MHS adaptor writes them ({@code message-id} is not a Java identifier); a
     * receive waits for the broker's next delivery and never asks it to drain the link (RabbitMQ 3.10's
     * AMQP 1.0 plugin answers a drain on a classic queue by closing the link).
     */
    JmsConnectionFactory connectionFactory() {
        JmsConnectionFactory factory = new JmsConnectionFactory(username, password, connectionUri());
        factory.setQueuePrefix(addressPrefix);
        factory.setValidatePropertyNames(false);
        // A receive that finds nothing prefetched returns: draining the link instead makes RabbitMQ 3.x close it.
        factory.setReceiveLocalOnly(true);
        factory.setReceiveNoWaitLocalOnly(true);
        ((JmsDefaultPrefetchPolicy) factory.getPrefetchPolicy()).setAll(1);
        return factory;
    }

    /** The pause after the {@code attempt}th failed attempt: doubling from retry-delay, at most a minute. */
    Duration pauseAfter(int attempt) {
        Duration pause = retryDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    /** The brokers and queue for log lines and the readiness check: never the credentials. */
    String describe() {
        return addressPrefix + queue + " at " + String.join(", ", brokers.stream()
                .map(uri -> uri.replaceAll("//[^/@]*@", "//")).toList());
    }
}

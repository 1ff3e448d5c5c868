package uk.nhs.gp2gp.mhs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.jms.policy.JmsDefaultPrefetchPolicy;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class InboundQueueSettingsTest {

    @Test
    void withoutBrokersThereIsNoConsumer() {
        assertFalse(InboundQueueSettings.read(config(Map.of())).configured());
    }

    @Test
    void theDefaultsAreTheMhsAdaptorsQueueNames() {
        InboundQueueSettings settings = InboundQueueSettings.read(config(Map.of("brokers", "amqp://mq:5672")));

        assertEquals("inbound", settings.queue());
        assertEquals("inbound.dlq", settings.deadLetterQueue());
        assertEquals("", settings.addressPrefix());
        assertEquals(10, settings.maxAttempts());
    }

    @Test
    void theDefaultAttemptsOutlastADatabaseFailoverOfAMinute() {
        InboundQueueSettings settings = InboundQueueSettings.read(config(Map.of("brokers", "amqp://mq:5672")));

        Duration waited = Duration.ZERO;
        for (int attempt = 1; attempt < settings.maxAttempts(); attempt++) {
            waited = waited.plus(settings.pauseAfter(attempt));
        }

        assertEquals(Duration.ofSeconds(302), waited);
    }

    @Test
    void everyBrokerIsInOneFailoverUriThatReconnectsForEver() {
        InboundQueueSettings settings = InboundQueueSettings.read(config(Map.of(
                "brokers", "amqps://mq-1:5671,amqps://mq-2:5671")));

        assertEquals("failover:(amqps://mq-1:5671,amqps://mq-2:5671)?failover.maxReconnectDelay=10000",
                settings.connectionUri());
    }

    @Test
    void aFailoverUriOfTheOperatorsOwnIsTakenAsItIs() {
        String own = "failover:(amqp://mq-1:5672,amqp://mq-2:5672)?failover.randomize=true";

        assertEquals(own, InboundQueueSettings.read(config(Map.of("brokers", own))).connectionUri());
    }

    @Test
    void theClientPrefetchesOneMessageAndPrefixesTheQueueAddress() {
        JmsConnectionFactory factory = InboundQueueSettings.read(config(Map.of("brokers", "amqp://mq:5672",
                "address-prefix", "/amq/queue/"))).connectionFactory();

        assertEquals("/amq/queue/", factory.getQueuePrefix());
        assertEquals(1, ((JmsDefaultPrefetchPolicy) factory.getPrefetchPolicy()).getQueuePrefetch());
        assertFalse(factory.isValidatePropertyNames());
        assertTrue(factory.isReceiveLocalOnly() && factory.isReceiveNoWaitLocalOnly(), "never drains the link");
    }

    @Test
    void thePauseDoublesAfterEachFailedAttemptUpToAMinute() {
        InboundQueueSettings settings = InboundQueueSettings.read(config(Map.of("brokers", "amqp://mq:5672",
                "retry-delay", "PT2S")));

        assertEquals(Duration.ofSeconds(2), settings.pauseAfter(1));
        assertEquals(Duration.ofSeconds(4), settings.pauseAfter(2));
        assertEquals(Duration.ofSeconds(16), settings.pauseAfter(4));
        assertEquals(Duration.ofMinutes(1), settings.pauseAfter(40));
    }

    @Test
    void atLeastOneAttempt() {
        assertThrows(IllegalStateException.class, () -> InboundQueueSettings.read(config(Map.of(
                "brokers", "amqp://mq:5672", "max-attempts", "0"))));
    }

    @Test
    void theLogLineShowsNoCredentials() {
        InboundQueueSettings settings = InboundQueueSettings.read(config(Map.of(
                "brokers", "amqp://user:secret@mq:5672", "password", "secret")));

        assertEquals("inbound at amqp://mq:5672", settings.describe());
    }

    /** gp2gp.inbound.amqp.* as given (short names), converted as MicroProfile Config does. */
    private static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(InboundQueueSettingsTest.class.getClassLoader(),
                new Class<?>[] {Config.class}, (proxy, method, args) -> {
                    String value = values.get(((String) args[0]).substring(InboundQueueSettings.PREFIX.length()));
                    Class<?> type = (Class<?>) args[1];
                    return switch (method.getName()) {
                        case "getOptionalValue" -> Optional.ofNullable(value).map(v -> type == Integer.class
                                ? Integer.valueOf(v) : type == Duration.class ? Duration.parse(v) : v);
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }
}

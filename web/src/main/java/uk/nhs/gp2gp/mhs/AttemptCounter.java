package uk.nhs.gp2gp.mhs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many times each queue message has failed on this node since it was last set aside or taken.
 * RabbitMQ's AMQP 1.0 plugin sends no delivery count, and a message comes back to this node's session
 * until it is acknowledged; where the broker does count (JMSXDeliveryCount), the consumer takes the
 * higher of the two. Bounded: the oldest entries go first; a message forgotten, or redelivered to
 * another node after a crash, starts counting again here.
 */
final class AttemptCounter {

    private final int capacity;
    private final Map<String, Integer> failures;

    AttemptCounter(int capacity) {
        this.capacity = capacity;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > AttemptCounter.this.capacity;
            }
        };
    }

    /** One more failed attempt at {@code key}; returns how many there have been. */
    synchronized int failed(String key) {
        return failures.merge(key, 1, Integer::sum);
    }

    /** The message has left the queue (taken or set aside). */
    synchronized void forget(String key) {
        failures.remove(key);
    }
}

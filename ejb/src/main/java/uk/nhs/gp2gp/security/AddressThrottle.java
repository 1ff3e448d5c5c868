package uk.nhs.gp2gp.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts events per key (a client address, or an address and a kind of refusal) in fixed windows:
 * the first event opens a window of {@code window}; once {@code limit} events were counted in it,
 * the key is blocked until it ends. Per node and in memory: it slows a guesser down, it is not a
 * ledger. Plain Java with a clock, so that its edges can be tested without waiting.
 */
public final class AddressThrottle {

    /** Beyond this many keys, windows that have ended are dropped (a flood from many addresses). */
    private static final int TIDY_ABOVE = 10_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public AddressThrottle(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A throttle needs a limit of at least 1 and a window");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** How long the key stays blocked, if it has used up its window's allowance. Counts nothing. */
    public Optional<Duration> blockedFor(String key) {
        Instant now = clock.instant();
        Window current = windows.get(key);
        if (current == null || !current.endsAt.isAfter(now) || current.count < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, current.endsAt));
    }

    /**
     * Counts one event for the key. The answer says whether it was within the limit and how many
     * events of the previous window (of this key) went over it, so that a caller writing at most
     * {@code limit} lines a window can say how many it left out.
     */
    public Counted count(String key) {
        Instant now = clock.instant();
        if (windows.size() > TIDY_ABOVE) {
            windows.values().removeIf(w -> !w.endsAt.isAfter(now));
        }
        Counted[] answer = new Counted[1];
        windows.compute(key, (k, current) -> {
            if (current == null || !current.endsAt.isAfter(now)) {
                long overBefore = current == null ? 0 : Math.max(0, current.count - limit);
                answer[0] = new Counted(true, overBefore);
                return new Window(now.plus(window), 1);
            }
            Window next = new Window(current.endsAt, current.count + 1);
            answer[0] = new Counted(next.count <= limit, 0);
            return next;
        });
        return answer[0];
    }

    private record Window(Instant endsAt, long count) {
    }

    /**
     * One counted event: {@code withinLimit} false once the window's allowance is used up;
     * {@code overLimitBefore} the events over the limit in this key's previous window.
     */
    public record Counted(boolean withinLimit, long overLimitBefore) {
    }
}

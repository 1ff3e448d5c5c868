package uk.nhs.gp2gp.it;

import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waiting for the application to get somewhere (Awaitility): asks every 200 ms until the answer
 * will do; after {@code patience} fails with the last answer it got (null: none, not yet).
 */
final class Eventually {

    private static final Duration POLL = Duration.ofMillis(200);

    private Eventually() {
    }

    /** The first answer of {@code ask} that {@code done} accepts. */
    static <T> T until(String what, Duration patience, Callable<T> ask, Predicate<? super T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return await(what).atMost(patience).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> {
                        T answer = ask.call();
                        if (answer != null) {
                            last.set(answer);
                        }
                        return answer;
                    }, done::test);
        } catch (ConditionTimeoutException e) {
            T seen = last.get();
            throw new AssertionError(what + ": not within " + patience + "; last seen: "
                    + (seen instanceof JsonPath json ? json.prettify() : seen), e);
        }
    }

    /** Until {@code done} is true. */
    static void until(String what, Duration patience, Callable<Boolean> done) {
        until(what, patience, done, Boolean.TRUE::equals);
    }
}

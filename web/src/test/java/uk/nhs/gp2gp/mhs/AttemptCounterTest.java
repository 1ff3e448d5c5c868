package uk.nhs.gp2gp.mhs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AttemptCounterTest {

    @Test
    void eachFailureOfAMessageCountsOnceMore() {
        AttemptCounter attempts = new AttemptCounter(10);

        assertEquals(1, attempts.failed("a"));
        assertEquals(1, attempts.failed("b"));
        assertEquals(2, attempts.failed("a"));
        assertEquals(3, attempts.failed("a"));
    }

    @Test
    void aMessageThatLeftTheQueueStartsAgain() {
        AttemptCounter attempts = new AttemptCounter(10);
        attempts.failed("a");
        attempts.failed("a");

        attempts.forget("a");

        assertEquals(1, attempts.failed("a"));
    }

    @Test
    void theLeastRecentlyFailedAreForgottenFirstWhenFull() {
        AttemptCounter attempts = new AttemptCounter(2);
        attempts.failed("a");
        attempts.failed("b");
        attempts.failed("a");

        attempts.failed("c");

        assertEquals(3, attempts.failed("a"));
        assertEquals(1, attempts.failed("b"));
    }
}

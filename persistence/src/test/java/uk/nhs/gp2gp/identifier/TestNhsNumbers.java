package uk.nhs.gp2gp.identifier;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A new synthetic patient for each test that needs one: 999 range, valid modulus 11, never given
 * before in this JVM (the database takes one open transfer at a time for a patient and practice).
 * Shared by the persistence and ejb modules' tests (a test-jar).
 */
public final class TestNhsNumbers {

    private static final AtomicInteger NEXT = new AtomicInteger(100);

    private TestNhsNumbers() {
    }

    public static NhsNumber next() {
        while (true) {
            String digits = "999" + String.format("%06d", NEXT.getAndIncrement());
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return NhsNumber.of(digits + check);
            }
        }
    }
}

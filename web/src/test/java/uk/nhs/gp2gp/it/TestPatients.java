package uk.nhs.gp2gp.it;

import java.util.concurrent.atomic.AtomicInteger;

/** Synthetic NHS numbers (999 range, valid modulus 11 check digit), handed out one at a time. */
final class TestPatients {

    private final AtomicInteger next;

    /** Numbers from {@code firstNineDigits} on (999xxxxxx): each test class takes a range of its own. */
    TestPatients(int firstNineDigits) {
        next = new AtomicInteger(firstNineDigits);
    }

    String next() {
        while (true) {
            String digits = String.valueOf(next.getAndIncrement());
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return digits + check;
            }
        }
    }
}

package uk.nhs.gp2gp.report;

import java.util.concurrent.atomic.AtomicInteger;
import uk.nhs.gp2gp.identifier.NhsNumber;

/**
 * A new synthetic patient (999 range, valid modulus 11) for each transfer the report tests make: the
 * database takes one open transfer at a time for a patient and practice, as the workflow always did.
 */
final class SyntheticPatients {

    private static final AtomicInteger NEXT = new AtomicInteger(100);

    private SyntheticPatients() {
    }

    static NhsNumber next() {
        while (true) {
            String digits = "999" + String.format("%06d", NEXT.getAndIncrement());
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return NhsNumber.of(digits + check);
            }
        }
    }
}

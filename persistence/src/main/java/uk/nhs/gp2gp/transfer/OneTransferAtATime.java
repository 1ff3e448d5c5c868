package uk.nhs.gp2gp.transfer;

import java.sql.SQLException;
import java.util.Locale;

/**
 * The database's rule that a patient's record is asked for by one practice one transfer at a time:
 * the unique index {@value #INDEX} (migration V9) takes at most one requester transfer that has not
 * ended per patient and requesting practice, however many nodes ask at once.
 */
public final class OneTransferAtATime {

    static final String INDEX = "transfer_one_at_a_time_uk";
    private static final String UNIQUE_VIOLATION = "23505";

    private OneTransferAtATime() {
    }

    /** True when this failure (or its cause) is the database refusing a second open transfer. */
    public static boolean brokenBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains(INDEX)) {
                return true;
            }
        }
        return false;
    }
}

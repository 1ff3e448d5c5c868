package uk.nhs.gp2gp.report;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Set;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * Which transfers a report counts: one role's transfers requested in a month (transfers count in
 * the month they were requested, as national reporting does), optionally those of one practice
 * (requesting or sending), and only those of the practices the caller may see.
 *
 * @param ods a practice whose transfers (as requesting or sending practice) to count; null for all
 * @param visibleOds the practices the caller acts for (matched against our hosted side of the
 *        transfer: the requesting practice for REQUESTER, the sending one for SENDER); null for all
 */
public record ReportFilter(YearMonth month, TransferRole role, String ods, Set<String> visibleOds) {

    /** Months are England's calendar months. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    public ReportFilter {
        if (month == null || role == null) {
            throw new IllegalArgumentException("A report needs a month and a role");
        }
        visibleOds = visibleOds == null ? null : Set.copyOf(visibleOds);
    }

    public static ReportFilter of(YearMonth month) {
        return new ReportFilter(month, TransferRole.REQUESTER, null, null);
    }

    public Instant from() {
        return month.atDay(1).atStartOfDay(ZONE).toInstant();
    }

    public Instant to() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
    }

    public ReportFilter withMonth(YearMonth other) {
        return new ReportFilter(other, role, ods, visibleOds);
    }

    /** The column of the practice hosted here for this role: what a caller's practices are matched against. */
    String hostedColumn() {
        return role == TransferRole.REQUESTER ? "requesting_ods" : "sending_ods";
    }
}

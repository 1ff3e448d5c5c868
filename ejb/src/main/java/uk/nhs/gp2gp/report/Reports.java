package uk.nhs.gp2gp.report;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * The outcome reports and the 8-day window list, for the API and the console: what the console's
 * report page calls. Outcomes are decided as of the application clock's now. None of these
 * answers carries patient data.
 */
@Stateless
// Who may call: the API's practice keys and the console's readers.
@RolesAllowed({"ADMIN", "PRACTICE", "OPERATOR", "AUDITOR"})
public class Reports {

    /** The console's trend covers this many months. */
    public static final int TREND_MONTHS = 12;

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    /** The month it is now in England: the report a page opens on. */
    @RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(ReportFilter.ZONE));
    }

    /** Counts and percentages per outcome, per requesting and sending practice and per pair, with reasons. */
    public TransferReport transferReport(ReportFilter filter) {
        return queries().transferReport(filter, clock.instant());
    }

    /** The same report as CSV (one number per line; see {@link ReportCsv}). */
    @RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
    public String transferReportCsv(ReportFilter filter) {
        return ReportCsv.of(transferReport(filter));
    }

    /** Outcome counts for each of the {@code months} months up to and including the filter's month. */
    public List<MonthOutcomes> trend(ReportFilter filter, int months) {
        if (months < 1 || months > 36) {
            throw new ReportRequestException("months", "A trend covers 1 to 36 months");
        }
        return queries().trend(filter, clock.instant(), months);
    }

    /** The transfers behind one number of the report, a page at a time. */
    public List<TransferSummary> transfersBehind(ReportFilter filter, Drilldown drilldown, int page, int size) {
        return queries().transfersBehind(filter, drilldown, clock.instant(), page, size);
    }

    /**
     * Records in day 6 or 7 of their 8-day window and not yet integrated (role null: both sides),
     * of one practice (ods null: any) among those the caller sees (visibleOds null: all).
     */
    @RolesAllowed({"ADMIN", "PRACTICE"})
    public List<ApproachingDeadline> approachingWindow(TransferRole role, String ods, Set<String> visibleOds,
            int page, int size) {
        return queries().approachingWindow(role, ods, visibleOds, clock.instant(), page, size);
    }

    private ReportQueries queries() {
        return new ReportQueries(em);
    }
}

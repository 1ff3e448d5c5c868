package uk.nhs.gp2gp.api.report;

import static uk.nhs.gp2gp.api.report.ReportParameters.CSV;
import static uk.nhs.gp2gp.api.report.ReportParameters.CSV_UTF8;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.List;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.report.ApproachingDeadline;
import uk.nhs.gp2gp.report.Drilldown;
import uk.nhs.gp2gp.report.MonthOutcomes;
import uk.nhs.gp2gp.report.Reason;
import uk.nhs.gp2gp.report.ReportCsv;
import uk.nhs.gp2gp.report.ReportFilter;
import uk.nhs.gp2gp.report.Reports;
import uk.nhs.gp2gp.report.TransferReport;
import uk.nhs.gp2gp.report.TransferSummary;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * How transfers went: the monthly outcome report (JSON or CSV), its trend, the transfers behind
 * each number, and the records whose 8-day window closes within two days. A key sees only the
 * transfers of its own practices (a key for every practice, or an admin key, sees all).
 */
@Path("reports")
@RolesAllowed({"PRACTICE", "ADMIN"})
public class ReportResource {

    @EJB
    private Reports reports;

    @Inject
    private Clock clock;

    @Context
    private SecurityContext security;

    @Context
    private HttpHeaders headers;

    /**
     * Counts and percentages per outcome, per requesting practice, per sending practice and (for one
     * practice) per pair, with the reasons behind them. {@code role}: REQUESTER (default: records
     * asked for by our practices) or SENDER (records they sent). CSV with {@code format=csv} or
     * {@code Accept: text/csv}.
     */
    @GET
    @Path("transfers")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response transfers(@QueryParam("month") String month, @QueryParam("ods") String ods,
            @QueryParam("role") String role, @QueryParam("format") String format) {
        ReportFilter filter = filter(month, ods, role);
        boolean csv = ReportParameters.wantsCsv(format, headers);
        TransferReport report = reports.transferReport(filter);
        if (csv) {
            return Response.ok(ReportCsv.of(report), CSV_UTF8)
                    .header("Content-Disposition", "attachment; filename=\"gp2gp-transfers-" + report.month() + "-"
                            + report.role().toLowerCase() + (filter.ods() == null ? "" : "-" + filter.ods())
                            + ".csv\"")
                    .build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Outcome counts for each of the {@code months} months up to {@code month} (default 12). */
    @GET
    @Path("transfers/trend")
    @Produces(MediaType.APPLICATION_JSON)
    public List<MonthOutcomes> trend(@QueryParam("month") String month, @QueryParam("ods") String ods,
            @QueryParam("role") String role,
            @QueryParam("months") @DefaultValue("12") @Min(1) @Max(36) int months) {
        return reports.trend(filter(month, ods, role), months);
    }

    /**
     * The transfers behind one number of the report: by outcome, reason (a GP2GP code such as 06 or
     * a reason such as NO_EXTRACT), requesting and sending practice. No patient data.
     */
    @GET
    @Path("transfers/items")
    @Produces(MediaType.APPLICATION_JSON)
    public List<TransferSummary> items(@QueryParam("month") String month, @QueryParam("ods") String ods,
            @QueryParam("role") String role, @QueryParam("outcome") String outcome,
            @QueryParam("reason") String reason, @QueryParam("requestingOds") String requestingOds,
            @QueryParam("sendingOds") String sendingOds,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Drilldown drilldown = new Drilldown(ReportParameters.outcome(outcome),
                reason == null || reason.isBlank() ? null : reason.strip().toUpperCase(),
                ReportParameters.ods("requestingOds", requestingOds), ReportParameters.ods("sendingOds", sendingOds));
        return reports.transfersBehind(filter(month, ods, role), drilldown, page, size);
    }

    /**
     * Records that arrived 6 to 8 days ago and are still not integrated (requester) or not
     * acknowledged (sender): the 8-day window closes within two days. Least time left first.
     */
    @GET
    @Path("approaching-window")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ApproachingDeadline> approachingWindow(@QueryParam("ods") String ods,
            @QueryParam("role") String role,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        ApiCaller caller = ApiSecurityContext.callerOf(security);
        String practice = ReportParameters.ods("ods", ods);
        ReportParameters.requireAccess(caller, practice);
        return reports.approachingWindow(ReportParameters.role(role, null), practice,
                ReportParameters.visibleOds(caller), page, size);
    }

    /**
     * What every reason means and what to do next: each GP2GP negative-acknowledgement code, and the
     * reasons the reports give where the protocol has no code (NO_EXTRACT, NOT_INTEGRATED_IN_WINDOW...).
     * Reference data, no patient or practice in it: for every kind of key.
     */
    @RolesAllowed({"PRACTICE", "REPOSITORY", "DEMOGRAPHICS", "ADMIN"})
    @GET
    @Path("reasons")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Reason> reasons() {
        return Reason.all();
    }

    private ReportFilter filter(String month, String ods, String role) {
        ApiCaller caller = ApiSecurityContext.callerOf(security);
        String practice = ReportParameters.ods("ods", ods);
        ReportFilter filter = new ReportFilter(ReportParameters.month(month, clock), ReportParameters.role(role,
                TransferRole.REQUESTER), practice, ReportParameters.visibleOds(caller));
        ReportParameters.requireAccess(caller, practice);
        return filter;
    }
}

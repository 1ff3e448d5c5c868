package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.report.Drilldown;
import uk.nhs.gp2gp.report.MonthOutcomes;
import uk.nhs.gp2gp.report.ReportFilter;
import uk.nhs.gp2gp.report.Reports;
import uk.nhs.gp2gp.report.TransferOutcome;
import uk.nhs.gp2gp.report.TransferReport;
import uk.nhs.gp2gp.report.TransferSummary;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * reports.xhtml?month=2026-11&role=REQUESTER&ods=A12345: how a month's transfers went, for every
 * practice or one, with the 12-month trend, the transfers behind each number and the CSV. The
 * figures carry no patient data; a transfer's own page is where a record is read (and audited).
 */
@Named
@ViewScoped
public class ReportsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter MONTH_NAME = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);
    /** The transfers behind a number are listed up to this many; the API pages through more. */
    static final int BEHIND_LIMIT = 200;
    /** One colour per outcome, the same on every chart. */
    private static final Map<TransferOutcome, String> COLOURS = Map.of(
            TransferOutcome.INTEGRATED_ON_TIME, "#007f3b", TransferOutcome.INTEGRATED_LATE, "#ffb81c",
            TransferOutcome.TECHNICAL_FAILURE, "#d5281b", TransferOutcome.PROCESS_FAILURE, "#7c2855",
            TransferOutcome.IN_PROGRESS, "#005eb8", TransferOutcome.UNCLASSIFIED, "#768692");

    @EJB
    private Reports reports;

    @EJB
    private Practices practices;

    private String month;
    private TransferRole role = TransferRole.REQUESTER;
    private String ods;

    private ReportFilter filter;
    private TransferReport report;
    private List<MonthOutcomes> trend;
    private List<Practice> practiceList;
    private String behindTitle;
    private List<TransferSummary> behind;

    /** Called by f:viewAction: the month asked for, or this month when none (or a wrong one) is given. */
    public void load() {
        YearMonth chosen = thisMonth();
        if (month != null && !month.isBlank()) {
            try {
                chosen = YearMonth.parse(month.strip());
            } catch (DateTimeParseException e) {
                ConsoleMessages.refused("Month not understood", new IllegalArgumentException(
                        "The month is written as 2026-11; showing this month instead."));
            }
        }
        month = chosen.toString();
        ods = ods == null || ods.isBlank() ? null : ods.strip().toUpperCase(Locale.ROOT);
        filter = new ReportFilter(chosen, role == null ? TransferRole.REQUESTER : role, ods, null);
        role = filter.role();
        report = reports.transferReport(filter);
        trend = reports.trend(filter, Reports.TREND_MONTHS);
        practiceList = practices.all();
        behind = null;
    }

    /** The filter form: show the chosen month, side and practice (a bookmarkable address). */
    public String show() {
        return "/console/reports?faces-redirect=true&includeViewParams=true";
    }

    /** Lists the transfers behind one number: an outcome (null: all), a reason, a pair of practices. */
    public void showBehind(TransferOutcome outcome, String reasonCode, String requestingOds, String sendingOds) {
        // EL hands a null String argument over as "": "" means any here.
        reasonCode = blankToNull(reasonCode);
        requestingOds = blankToNull(requestingOds);
        sendingOds = blankToNull(sendingOds);
        behind = reports.transfersBehind(filter, new Drilldown(outcome, reasonCode, requestingOds, sendingOds),
                0, BEHIND_LIMIT);
        behindTitle = Stream.of(outcome == null ? "All transfers" : outcome.label(),
                        reasonCode == null ? null : "reason " + reasonCode,
                        requestingOds == null ? null : "to " + requestingOds,
                        sendingOds == null ? null : "from " + sendingOds)
                .filter(s -> s != null).reduce((a, b) -> a + ", " + b).orElse("");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public StreamedContent getCsv() {
        byte[] csv = reports.transferReportCsv(filter).getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().contentType("text/csv; charset=UTF-8")
                .name("gp2gp-transfers-" + month + "-" + role.name().toLowerCase(Locale.ROOT)
                        + (ods == null ? "" : "-" + ods) + ".csv")
                .stream(() -> new ByteArrayInputStream(csv)).build();
    }

    /** Chart.js configuration: the last 12 months, each month's transfers stacked by outcome. */
    public String getTrendChart() {
        List<String> months = trend.stream().map(m -> MONTH_NAME.format(YearMonth.parse(m.month()))).toList();
        List<StackedBarChart.Series> series = Arrays.stream(TransferOutcome.values())
                .map(outcome -> new StackedBarChart.Series(outcome.label(), COLOURS.get(outcome),
                        trend.stream().map(m -> m.counts().count(outcome)).toList()))
                .toList();
        return StackedBarChart.of(months, series);
    }

    /** The months a report can be asked for: this one and the 23 before it. */
    public List<String> getMonths() {
        YearMonth now = thisMonth();
        return Stream.iterate(now, m -> m.minusMonths(1)).limit(24).map(YearMonth::toString).toList();
    }

    public String monthName(String yearMonth) {
        return MONTH_NAME.format(YearMonth.parse(yearMonth));
    }

    /** The practice table of the report: the practices hosted here on the side counted. */
    public List<TransferReport.PracticeOutcomes> getPractices() {
        return role == TransferRole.REQUESTER ? report.requestingPractices() : report.sendingPractices();
    }

    /** The other side's practices: where the records came from (or went to). */
    public List<TransferReport.PracticeOutcomes> getPartners() {
        return role == TransferRole.REQUESTER ? report.sendingPractices() : report.requestingPractices();
    }

    public String getPracticeHeading() {
        return role == TransferRole.REQUESTER ? "Requesting practices (new GP)" : "Sending practices (old GP)";
    }

    public String getPartnerHeading() {
        return role == TransferRole.REQUESTER ? "Sending practices (old GP)" : "Requesting practices (new GP)";
    }

    /** The pair a drill-down by practice opens: the practice on the side it is listed for. */
    public String requestingOf(String practiceOds, boolean partner) {
        return (role == TransferRole.REQUESTER) != partner ? practiceOds : null;
    }

    public String sendingOf(String practiceOds, boolean partner) {
        return (role == TransferRole.REQUESTER) != partner ? null : practiceOds;
    }

    public TransferOutcome[] getOutcomes() {
        return TransferOutcome.values();
    }

    public TransferRole[] getRoles() {
        return TransferRole.values();
    }

    private YearMonth thisMonth() {
        return reports.currentMonth();
    }

    public TransferReport getReport() {
        return report;
    }

    public List<Practice> getPracticeList() {
        return practiceList;
    }

    public List<TransferSummary> getBehind() {
        return behind;
    }

    public String getBehindTitle() {
        return behindTitle;
    }

    public String getMonth() {
        return month;
    }

    public void setMonth(String month) {
        this.month = month;
    }

    public TransferRole getRole() {
        return role;
    }

    public void setRole(TransferRole role) {
        this.role = role;
    }

    public String getOds() {
        return ods;
    }

    public void setOds(String ods) {
        this.ods = ods;
    }
}

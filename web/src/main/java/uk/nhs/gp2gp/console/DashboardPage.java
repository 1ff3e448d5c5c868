package uk.nhs.gp2gp.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import uk.nhs.gp2gp.suspension.RepositorySettings;
import uk.nhs.gp2gp.suspension.SuspendedRecords;
import uk.nhs.gp2gp.suspension.SuspensionStatus;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferDashboard;
import uk.nhs.gp2gp.transfer.TransferOutcomeGroup;
import uk.nhs.gp2gp.transfer.TransferStatus;

/** dashboard.xhtml: the day and the month at a glance, and what needs attention now. */
@Named
@RequestScoped
public class DashboardPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM");
    /** One colour per outcome group, the same on every chart. */
    private static final Map<TransferOutcomeGroup, String> COLOURS = Map.of(
            TransferOutcomeGroup.IN_PROGRESS, "#005eb8", TransferOutcomeGroup.COMPLETED, "#007f3b",
            TransferOutcomeGroup.FAILED, "#d5281b", TransferOutcomeGroup.CANCELLED, "#768692");

    @EJB
    private TransferDashboard dashboard;

    @EJB
    private SuspendedRecords holdings;

    @Inject
    private RepositorySettings repository;

    private TransferDashboard.Figures figures;
    private List<Holding> holdingCounts = List.of();

    /** How many suspended patients' records are in one status at the repository. */
    public record Holding(String status, long count) {
    }

    @PostConstruct
    void load() {
        figures = dashboard.figures();
        if (repository.isOn()) {
            Map<SuspensionStatus, Long> counts = holdings.countByStatus();
            holdingCounts = Arrays.stream(SuspensionStatus.values())
                    .map(s -> new Holding(s.name(), counts.getOrDefault(s, 0L))).toList();
        }
    }

    public boolean isRepositoryMode() {
        return repository.isOn();
    }

    public List<Holding> getHoldings() {
        return holdingCounts;
    }

    public record StatusCount(String badge, String status, long today, long thisMonth) {
    }

    public record ReasonCount(String code, String reason, long count) {
    }

    /** Every state that has transfers this month, grouped as the chart groups them. */
    public List<StatusCount> getStatusCounts() {
        return java.util.Arrays.stream(TransferStatus.values())
                .filter(s -> figures.thisMonth().containsKey(s) || figures.today().containsKey(s))
                .map(s -> new StatusCount(ConsoleText.badgeOf(s), ConsoleText.status(s),
                        figures.today().getOrDefault(s, 0L), figures.thisMonth().getOrDefault(s, 0L)))
                .toList();
    }

    public long getToday() {
        return figures.today().values().stream().mapToLong(Long::longValue).sum();
    }

    public long getThisMonth() {
        return figures.thisMonth().values().stream().mapToLong(Long::longValue).sum();
    }

    public long getFailedThisMonth() {
        return TransferOutcomeGroup.FAILED.statuses().stream()
                .mapToLong(s -> figures.thisMonth().getOrDefault(s, 0L)).sum();
    }

    public long getInProgress() {
        return TransferOutcomeGroup.IN_PROGRESS.statuses().stream()
                .mapToLong(s -> figures.thisMonth().getOrDefault(s, 0L)).sum();
    }

    public List<ReasonCount> getFailureReasons() {
        return figures.failuresByReason().entrySet().stream()
                .map(e -> new ReasonCount(e.getKey().equals("none") ? "-" : e.getKey(), ReasonCode.of(e.getKey())
                        .map(ReasonCode::shortName).orElse("No code (delivery problem or operator action)"),
                        e.getValue()))
                .toList();
    }

    public List<Transfer> getNearWindowEnd() {
        return figures.nearWindowEnd();
    }

    public List<Transfer> getLargeInProgress() {
        return figures.largeInProgress();
    }

    /** Chart.js configuration for the last 30 days, stacked by outcome group. */
    public String getLast30DaysChart() {
        List<String> days = figures.last30Days().keySet().stream().map(DAY::format).toList();
        List<StackedBarChart.Series> series = java.util.Arrays.stream(TransferOutcomeGroup.values())
                .map(group -> new StackedBarChart.Series(group.label(), COLOURS.get(group),
                        figures.last30Days().values().stream()
                                .map(counts -> counts.getOrDefault(group.label(), 0L)).toList()))
                .toList();
        return StackedBarChart.of(days, series);
    }
}

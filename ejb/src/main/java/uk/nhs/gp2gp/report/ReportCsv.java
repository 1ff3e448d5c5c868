package uk.nhs.gp2gp.report;

import java.util.List;
import uk.nhs.gp2gp.report.OutcomeCounts.OutcomeCount;
import uk.nhs.gp2gp.report.TransferReport.PairOutcomes;
import uk.nhs.gp2gp.report.TransferReport.PracticeOutcomes;

/**
 * The monthly report as one CSV table, one number per line: easy to filter and pivot. For each
 * breakdown ({@code all}, each {@code requesting} and {@code sending} practice, each {@code pair}):
 * a line with outcome {@code ALL} (the total), one line per outcome, then one per reason
 * (not for pairs; pairs only when the report lists them). Percentages are of the breakdown's total.
 */
public final class ReportCsv {

    public static final String HEADER = "month,role,breakdown,requesting_ods,sending_ods,outcome,reason_code,reason,"
            + "count,percent";

    private ReportCsv() {
    }

    public static String of(TransferReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        group(csv, report, "all", null, null, report.all(), report.reasons());
        for (PracticeOutcomes p : report.requestingPractices()) {
            group(csv, report, "requesting", p.ods(), null, p.counts(), p.reasons());
        }
        for (PracticeOutcomes p : report.sendingPractices()) {
            group(csv, report, "sending", null, p.ods(), p.counts(), p.reasons());
        }
        for (PairOutcomes p : report.pairs() == null ? List.<PairOutcomes>of() : report.pairs()) {
            group(csv, report, "pair", p.requestingOds(), p.sendingOds(), p.counts(), List.of());
        }
        return csv.toString();
    }

    private static void group(StringBuilder csv, TransferReport report, String breakdown, String requesting,
            String sending, OutcomeCounts counts, List<ReasonCount> reasons) {
        csv.append(Csv.line(report.month(), report.role(), breakdown, requesting, sending, "ALL", null, null,
                counts.total(), null));
        for (OutcomeCount o : counts.outcomes()) {
            csv.append(Csv.line(report.month(), report.role(), breakdown, requesting, sending, o.outcome(), null, null,
                    o.count(), o.percent()));
        }
        for (ReasonCount r : reasons) {
            csv.append(Csv.line(report.month(), report.role(), breakdown, requesting, sending, r.outcome(), r.code(),
                    r.name(), r.count(), r.percent()));
        }
    }
}

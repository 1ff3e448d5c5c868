package uk.nhs.gp2gp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.report.TransferReport.PairOutcomes;
import uk.nhs.gp2gp.report.TransferReport.PracticeOutcomes;

class ReportCsvTest {

    @Test
    void fieldsAreQuotedAsRfc4180SaysAndCannotBecomeSpreadsheetFormulas() {
        assertEquals("a,,3,\"x, y\",\"say \"\"hi\"\"\"\r\n", Csv.line("a", null, 3, "x, y", "say \"hi\""));
        assertEquals("'=HYPERLINK(1),'+1,'@x,'-x,-1\r\n", Csv.line("=HYPERLINK(1)", "+1", "@x", "-x", -1));
        assertEquals("\"line\nbreak\",2027-01-04T09:00:00Z\r\n", Csv.line("line\nbreak",
                Instant.parse("2027-01-04T09:00:00Z")));
    }

    @Test
    void everyNumberOfTheReportIsOneLine() {
        Map<TransferOutcome, Long> counts = new EnumMap<>(TransferOutcome.class);
        counts.put(TransferOutcome.INTEGRATED_ON_TIME, 2L);
        counts.put(TransferOutcome.TECHNICAL_FAILURE, 1L);
        OutcomeCounts three = OutcomeCounts.of(counts);
        List<ReasonCount> reasons = List.of(new ReasonCount(TransferOutcome.TECHNICAL_FAILURE, "06",
                "Patient not at surgery", 1, 33.3));
        TransferReport report = new TransferReport("2027-01", "REQUESTER", null, Instant.EPOCH, 8, three, reasons,
                List.of(new PracticeOutcomes("Q99401", "Synthetic", three, reasons)), List.of(),
                List.of(new PairOutcomes("Q99401", "Q99402", three)), List.of(), List.of());
        List<String> lines = List.of(ReportCsv.of(report).split("\r\n"));
        assertEquals(ReportCsv.HEADER, lines.get(0));
        assertEquals("2027-01,REQUESTER,all,,,ALL,,,3,", lines.get(1));
        assertEquals("2027-01,REQUESTER,all,,,INTEGRATED_ON_TIME,,,2,66.7", lines.get(2));
        assertEquals("2027-01,REQUESTER,all,,,TECHNICAL_FAILURE,06,Patient not at surgery,1,33.3", lines.get(8));
        assertTrue(lines.contains("2027-01,REQUESTER,requesting,Q99401,,UNCLASSIFIED,,,0,0.0"));
        assertTrue(lines.contains("2027-01,REQUESTER,pair,Q99401,Q99402,TECHNICAL_FAILURE,,,1,33.3"));
        assertEquals(1 + 8 + 8 + 7, lines.size(), "header, all, one practice, one pair (no reasons for pairs)");
    }

    @Test
    void percentagesHaveOneDecimalAndNoneForNothing() {
        assertEquals(33.3, OutcomeCounts.percent(1, 3));
        assertEquals(66.7, OutcomeCounts.percent(2, 3));
        assertEquals(100.0, OutcomeCounts.percent(5, 5));
        assertEquals(null, OutcomeCounts.percent(0, 0));
    }
}

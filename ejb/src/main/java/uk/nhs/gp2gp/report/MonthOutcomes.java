package uk.nhs.gp2gp.report;

/** One month of the trend: how that month's transfers went. */
public record MonthOutcomes(String month, OutcomeCounts counts) {
}

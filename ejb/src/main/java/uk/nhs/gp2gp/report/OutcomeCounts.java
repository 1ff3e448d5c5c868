package uk.nhs.gp2gp.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** How many transfers had each outcome, out of how many: every outcome listed, in the same order. */
public record OutcomeCounts(long total, List<OutcomeCount> outcomes) {

    /** One outcome's count and its share of the total (one decimal; null when there is no transfer). */
    public record OutcomeCount(TransferOutcome outcome, long count, Double percent) {
    }

    public static OutcomeCounts of(Map<TransferOutcome, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new OutcomeCounts(total, Arrays.stream(TransferOutcome.values())
                .map(o -> {
                    long count = counts.getOrDefault(o, 0L);
                    return new OutcomeCount(o, count, percent(count, total));
                })
                .toList());
    }

    public long count(TransferOutcome outcome) {
        return outcomes.stream().filter(o -> o.outcome() == outcome).mapToLong(OutcomeCount::count).sum();
    }

    /** Percent rounded half up to one decimal place, null when the total is 0 (nothing to divide). */
    public static Double percent(long count, long total) {
        if (total == 0) {
            return null;
        }
        return BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP)
                .doubleValue();
    }
}

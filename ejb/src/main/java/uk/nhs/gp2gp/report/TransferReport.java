package uk.nhs.gp2gp.report;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The monthly outcome report: counts and percentages per outcome, with the reasons behind them,
 * for all transfers counted, per requesting practice, per sending practice and per pair.
 *
 * @param month the month, as 2027-01
 * @param role whose records were counted: REQUESTER (records asked for by practices hosted here)
 *        or SENDER (records sent by them)
 * @param asOf the instant the outcomes were decided at (records still waiting past their 8 days
 *        count as process failures from then on)
 * @param pairs per pair of practices: only when the report is about one practice ({@code ods}) or
 *        the caller's practices; null in the national report, which would list hundreds of thousands
 * @param explanations what each reason in the report means and what to do next, once per reason
 */
public record TransferReport(String month, String role, String ods, Instant asOf, long integrationWindowDays,
        OutcomeCounts all, List<ReasonCount> reasons, List<PracticeOutcomes> requestingPractices,
        List<PracticeOutcomes> sendingPractices, List<PairOutcomes> pairs, List<Reason> explanations,
        List<OutcomeDefinition> outcomeDefinitions) {

    /** One practice's outcomes, and the reasons behind them (percentages of the practice's transfers). */
    public record PracticeOutcomes(String ods, String name, OutcomeCounts counts, List<ReasonCount> reasons) {
    }

    /** The outcomes of the transfers between one requesting and one sending practice. */
    public record PairOutcomes(String requestingOds, String sendingOds, OutcomeCounts counts) {
    }

    /** What an outcome means. */
    public record OutcomeDefinition(TransferOutcome outcome, String label, String description) {

        static List<OutcomeDefinition> all() {
            return Arrays.stream(TransferOutcome.values())
                    .map(o -> new OutcomeDefinition(o, o.label(), o.description())).toList();
        }
    }
}

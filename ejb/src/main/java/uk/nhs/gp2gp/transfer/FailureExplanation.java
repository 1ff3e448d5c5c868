package uk.nhs.gp2gp.transfer;

/**
 * Why a transfer failed, in plain English, and what the practice should do next; the same words in
 * the API and the console. Null when the transfer has not failed.
 */
public record FailureExplanation(String code, String reason, String detail, String nextStep,
        boolean paperRecordFollows) {

    static final String NO_CODE_NEXT_STEP =
            "Check the timeline; retry the transfer, or contact support with the conversation id.";

    public static FailureExplanation of(Transfer transfer) {
        if (transfer.getFailureCode() == null && transfer.getFailureText() == null) {
            return null;
        }
        ReasonCode reason = ReasonCode.of(transfer.getFailureCode()).orElse(null);
        String detail = transfer.getFailureText() != null ? transfer.getFailureText()
                : reason == null ? null : reason.meaning();
        return new FailureExplanation(transfer.getFailureCode(), reason == null ? null : reason.shortName(), detail,
                reason == null ? NO_CODE_NEXT_STEP : reason.nextStep(),
                reason != null && reason.nextStep().toLowerCase().contains("paper record"));
    }
}

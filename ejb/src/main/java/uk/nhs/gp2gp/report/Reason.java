package uk.nhs.gp2gp.report;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import uk.nhs.gp2gp.transfer.ReasonCode;

/**
 * Why a transfer has its outcome, in plain English with the next step. {@code code} is the GP2GP
 * reason code ("06", "28") when the protocol gave one, otherwise an {@link OutcomeReason} name
 * ("NO_EXTRACT").
 */
public record Reason(String code, String name, String meaning, String nextStep) {

    public static Reason of(ReasonCode code) {
        return new Reason(code.code(), code.shortName(), code.meaning(), code.nextStep());
    }

    public static Reason of(OutcomeReason reason) {
        return new Reason(reason.name(), reason.title(), reason.meaning(), reason.nextStep());
    }

    /** The reason behind a failure code as stored on a transfer; no code at all is a reason too. */
    public static Reason ofFailureCode(String failureCode) {
        if (failureCode == null || failureCode.isBlank()) {
            return of(OutcomeReason.NO_REASON_CODE);
        }
        return ReasonCode.of(failureCode).map(Reason::of).orElseGet(() -> new Reason(failureCode.strip(),
                "Unrecognised code " + failureCode.strip(),
                "The other system gave reason code " + failureCode.strip() + ", which is not a GP2GP reason code.",
                "Contact support with the conversation id."));
    }

    /** Every GP2GP reason code, then every reason without a code: the reference list. */
    public static List<Reason> all() {
        return Stream.concat(Arrays.stream(ReasonCode.values()).map(Reason::of),
                Arrays.stream(OutcomeReason.values()).map(Reason::of)).toList();
    }

    /** The reason for a code as a report or an API caller writes it: a GP2GP code or a reason's name. */
    public static Reason ofCode(String code) {
        return Arrays.stream(OutcomeReason.values()).filter(r -> r.name().equals(code)).findFirst()
                .map(Reason::of).orElseGet(() -> ofFailureCode(code));
    }
}

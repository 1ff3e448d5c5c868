package uk.nhs.gp2gp.api.transfer;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import uk.nhs.gp2gp.transfer.IntegrationOutcome;

/** Body of {@code POST /transfers/{id}/outcome}: what the practice's system did with the record. */
public record OutcomeRequest(@NotNull IntegrationOutcome outcome,
        @Pattern(regexp = "11|17|28", message = "a rejection's reason must be 11 (failed to integrate), "
                + "17 (returning patient, wrong patient) or 28 (wrong patient)") String reasonCode) {
}

package uk.nhs.gp2gp.api.transfer;

import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /transfers}: ask the sending practice for the patient's record. */
public record TransferRequest(@NotBlank String nhsNumber, @NotBlank String requestingOds, @NotBlank String sendingOds) {
}

package uk.nhs.gp2gp.api.transfer;

import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /transfers}: ask the sending practice for the patient's record. Without
 * {@code sendingOds}, the request goes to the organisation demographics say manages the record.
 */
public record TransferRequest(@NotBlank String nhsNumber, @NotBlank String requestingOds, String sendingOds) {
}

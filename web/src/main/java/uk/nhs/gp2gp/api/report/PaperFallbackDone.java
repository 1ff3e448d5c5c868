package uk.nhs.gp2gp.api.report;

import jakarta.validation.constraints.Size;

/** Body of {@code POST /paper-fallbacks/{id}/done}: optionally, how the paper record went. */
public record PaperFallbackDone(@Size(max = 1000) String note) {
}

package uk.nhs.gp2gp.api.report;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /paper-fallbacks}: the failed transfer whose record should go on paper. */
public record PaperFallbackRequest(@NotBlank @Size(max = 64) String conversationId, @Size(max = 1000) String note) {
}

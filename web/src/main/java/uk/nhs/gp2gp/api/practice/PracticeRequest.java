package uk.nhs.gp2gp.api.practice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import uk.nhs.gp2gp.practice.PracticeDetails;

/** Body of {@code PUT /practices/{ods}}. */
public record PracticeRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9]{1,20}", message = "must be 1 to 20 letters or digits") String asid,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9]{3,8}-[0-9]{1,30}", message = "must look like ODS-digits, e.g. B86041-822103")
        String partyKey,
        @NotNull Boolean hosted,
        @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String endpointUrl,
        @Size(max = 100) String supplier,
        Boolean nationalRepository,
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,49}", message = "must be a peer name from gp2gp.inbound.peers: "
                + "lower-case letters, digits and hyphens") String peer) {

    PracticeDetails toDetails() {
        return new PracticeDetails(name.strip(), asid, partyKey.toUpperCase(), hosted, endpointUrl, supplier,
                Boolean.TRUE.equals(nationalRepository), hosted ? null : peer);
    }
}

package uk.nhs.gp2gp.api.suspension;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.suspension.RegistrationEvents;
import uk.nhs.gp2gp.suspension.RepositorySettings;

/**
 * NEMS-like change-of-registration events for the repository. A de-registration with no new
 * practice starts a suspension; every event gets an answer saying what was done and why.
 */
@Path("registration-events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"REPOSITORY", "ADMIN"})
public class RegistrationEventResource {

    @EJB
    private RegistrationEvents events;

    @Inject
    private RepositorySettings settings;

    @Context
    private SecurityContext security;

    public record EventRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                    message = "must be letters, digits, '.', '_', ':' or '-'") String eventId,
            @NotBlank String nhsNumber,
            @NotNull RegistrationEvents.Type type,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9]{3,8}", message = "must be an ODS code (3 to 8 letters or digits)")
            String odsCode,
            @NotBlank String occurredAt) {
    }

    /** 200 with the answer; the same answer again for an event id already seen. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@NotNull @Valid EventRequest event) {
        SuspendedRecordResource.requireRepositoryMode(settings);
        Instant occurredAt;
        try {
            occurredAt = OffsetDateTime.parse(event.occurredAt()).toInstant();
        } catch (DateTimeParseException e) {
            return Problem.invalidField("occurredAt", "must be an ISO-8601 date-time with an offset, e.g."
                    + " 2026-12-01T09:30:00Z").toResponse();
        }
        NhsNumber patient = NhsNumber.of(event.nhsNumber());
        OdsCode practice = OdsCode.of(event.odsCode().toUpperCase());
        RegistrationEvents.Answer answer = events.receive(event.eventId(), patient, event.type(), practice, occurredAt,
                Actor.apiClient(ApiSecurityContext.callerOf(security).name()));
        return Response.ok(answer).build();
    }
}

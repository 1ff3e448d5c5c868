package uk.nhs.gp2gp.api.suspension;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.demographics.DemographicRecord;
import uk.nhs.gp2gp.demographics.LocalDemographics;
import uk.nhs.gp2gp.identifier.NhsNumber;

/**
 * The local stand-in for PDS: where a patient is registered, who manages their record, deceased,
 * merged into another NHS number. The repository reads it before it acts.
 */
@Path("demographics/{nhsNumber}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"REPOSITORY", "DEMOGRAPHICS", "ADMIN"})
public class DemographicsResource {

    private static final String ODS = "[A-Za-z0-9]{3,8}";

    @EJB
    private LocalDemographics demographics;

    @Context
    private SecurityContext security;

    /** Body of PUT: {@code registeredOds} null or absent when the patient is registered nowhere. */
    public record DemographicsRequest(
            @Pattern(regexp = ODS, message = "must be an ODS code (3 to 8 letters or digits)") String registeredOds,
            @Pattern(regexp = ODS, message = "must be an ODS code (3 to 8 letters or digits)") String managingOds,
            @NotNull Boolean deceased,
            @Pattern(regexp = "\\d{10}", message = "must be a 10-digit NHS number") String supersededBy) {
    }

    @GET
    public DemographicRecord get(@PathParam("nhsNumber") String nhsNumber) {
        NhsNumber patient = NhsNumber.of(nhsNumber);
        return demographics.read(patient, actor())
                .orElseThrow(() -> new NotFoundException("No demographics for this NHS number"));
    }

    /** Creates (201) or replaces (200) the patient's entry: the PDS feed's own role, not any repository key. */
    @PUT
    @RolesAllowed({"DEMOGRAPHICS", "ADMIN"})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("nhsNumber") String nhsNumber, @NotNull @Valid DemographicsRequest request) {
        NhsNumber patient = NhsNumber.of(nhsNumber);
        if (request.supersededBy() != null && !NhsNumber.isValid(request.supersededBy())) {
            return Problem.invalidField("supersededBy", "fails the NHS number's modulus 11 check").toResponse();
        }
        if (patient.value().equals(request.supersededBy())) {
            return Problem.invalidField("supersededBy", "cannot be the patient's own NHS number").toResponse();
        }
        LocalDemographics.Saved saved = demographics.save(patient, upper(request.registeredOds()),
                upper(request.managingOds()), request.deceased(), request.supersededBy(), actor());
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK).entity(saved.entry())
                .build();
    }

    private Actor actor() {
        return Actor.apiClient(ApiSecurityContext.callerOf(security).name());
    }

    private static String upper(String ods) {
        return ods == null ? null : ods.toUpperCase();
    }
}

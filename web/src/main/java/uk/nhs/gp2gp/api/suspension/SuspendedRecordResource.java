package uk.nhs.gp2gp.api.suspension;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.List;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.suspension.RepositorySettings;
import uk.nhs.gp2gp.suspension.SuspendedRecords;
import uk.nhs.gp2gp.suspension.SuspensionStatus;

/** The repository's holdings: what it holds, since when, from which practice, and what happened to each. */
@Path("suspended-records")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"REPOSITORY", "ADMIN"})
public class SuspendedRecordResource {

    @EJB
    private SuspendedRecords holdings;

    @Inject
    private RepositorySettings settings;

    @Context
    private SecurityContext security;

    /** A page of holdings, newest first, by status and by the practice the records came from. */
    @GET
    public Response search(@QueryParam("status") String status, @QueryParam("ods") String ods,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        repositoryMode();
        SuspensionStatus wanted = status == null || status.isBlank() ? null : status(status);
        String source = ods == null || ods.isBlank() ? null : OdsCode.of(ods.toUpperCase()).value();
        SuspendedRecords.Page found = holdings.page(wanted, source, page, size, actor());
        List<SuspendedRecordView> records = found.records().stream().map(s -> SuspendedRecordView.of(s, null)).toList();
        return Response.ok(records).header("X-Total-Count", found.total()).build();
    }

    /** The patient's latest suspension with its history. Every read is audited. */
    @GET
    @Path("{nhsNumber}")
    public SuspendedRecordView get(@PathParam("nhsNumber") String nhsNumber) {
        repositoryMode();
        NhsNumber patient = NhsNumber.of(nhsNumber);
        SuspendedRecords.Details held = holdings.read(patient.value(), actor(), null)
                .orElseThrow(() -> new NotFoundException("The repository has no record of this patient"));
        return SuspendedRecordView.of(held.suspension(), held.history());
    }

    private Actor actor() {
        return Actor.apiClient(ApiSecurityContext.callerOf(security).name());
    }

    private void repositoryMode() {
        requireRepositoryMode(settings);
    }

    /** The repository's endpoints answer 404 with a problem on an instance that is not the repository. */
    static void requireRepositoryMode(RepositorySettings settings) {
        if (!settings.isOn()) {
            throw new WebApplicationException(Problem.of(Response.Status.NOT_FOUND, "not-a-repository",
                    "This instance is not the suspended-records repository (gp2gp.repository.ods is not set)")
                    .toResponse());
        }
    }

    private static SuspensionStatus status(String text) {
        try {
            return SuspensionStatus.valueOf(text.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(Problem.invalidField("status", "must be one of "
                    + Arrays.toString(SuspensionStatus.values())).toResponse());
        }
    }
}

package uk.nhs.gp2gp.api.report;

import static uk.nhs.gp2gp.api.report.ReportParameters.CSV;
import static uk.nhs.gp2gp.api.report.ReportParameters.CSV_UTF8;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.report.PaperFallback;
import uk.nhs.gp2gp.report.PaperFallbackTask;
import uk.nhs.gp2gp.report.PaperFallbacks;
import uk.nhs.gp2gp.security.ApiCaller;

/**
 * Paper fallback tasks: after a transfer failed, ask for its record to go on paper; the paper
 * records service lists the open ones (JSON, or CSV to import) and marks each done. A key sees the
 * tasks of its practices, as requesting or sending practice. Every read and change is audited.
 */
@Path("paper-fallbacks")
@RolesAllowed({"PRACTICE", "ADMIN"})
public class PaperFallbackResource {

    @EJB
    private PaperFallbacks paperFallbacks;

    @Context
    private SecurityContext security;

    @Context
    private HttpHeaders headers;

    @Context
    private UriInfo uriInfo;

    /** Tasks by status (REQUESTED, DONE; default any) and practice, oldest first; CSV for the paper records service. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response list(@QueryParam("status") String status, @QueryParam("ods") String ods,
            @QueryParam("format") String format) {
        ApiCaller caller = ApiSecurityContext.callerOf(security);
        String practice = ReportParameters.ods("ods", ods);
        ReportParameters.requireAccess(caller, practice);
        boolean csv = ReportParameters.wantsCsv(format, headers);
        List<PaperFallbackTask> tasks = paperFallbacks.list(status(status), practice,
                ReportParameters.visibleOds(caller), actor());
        if (csv) {
            return Response.ok(PaperFallbacks.csv(tasks), CSV_UTF8)
                    .header("Content-Disposition", "attachment; filename=\"gp2gp-paper-fallbacks.csv\"").build();
        }
        return Response.ok(tasks, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public PaperFallbackTask get(@PathParam("id") long id) {
        return paperFallbacks.find(id, ApiSecurityContext.callerOf(security));
    }

    /** Asks for a failed transfer's record to go on paper: 201, or 200 with the task asked for before. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(@NotNull @Valid PaperFallbackRequest body) {
        PaperFallbacks.Requested requested = paperFallbacks.request(body.conversationId(),
                ApiSecurityContext.callerOf(security), body.note());
        if (!requested.created()) {
            return Response.ok(requested.task(), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.created(uriInfo.getBaseUriBuilder().path(PaperFallbackResource.class)
                        .path(String.valueOf(requested.task().id())).build())
                .entity(requested.task()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The paper record has been sent on. 409 when the task was already done. */
    @POST
    @Path("{id}/done")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PaperFallbackTask done(@PathParam("id") long id, @Valid PaperFallbackDone body) {
        return paperFallbacks.markDone(id, ApiSecurityContext.callerOf(security), body == null ? null : body.note());
    }

    private Actor actor() {
        return Actor.apiClient(ApiSecurityContext.callerOf(security).name());
    }

    private static PaperFallback.Status status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return PaperFallback.Status.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentifierException("status", "status must be REQUESTED or DONE");
        }
    }
}

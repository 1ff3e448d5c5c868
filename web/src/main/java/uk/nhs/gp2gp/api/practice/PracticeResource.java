package uk.nhs.gp2gp.api.practice;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.PeerEndpoints;
import uk.nhs.gp2gp.practice.Practices;

/**
 * The practice directory: which practices are hosted here and how to reach the others. Read by any
 * valid key (every API call is authenticated, so {@code @PermitAll} means any key); changed by admins.
 */
@Path("practices")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class PracticeResource {

    @EJB
    private Practices practices;

    @Context
    private UriInfo uriInfo;

    @Context
    private SecurityContext security;

    @Inject
    private PeerEndpoints endpoints;

    @GET
    public List<PracticeView> list() {
        return practices.all().stream().map(PracticeView::of).toList();
    }

    @GET
    @Path("{ods}")
    public PracticeView get(@PathParam("ods") String ods) {
        return practices.find(OdsCode.of(ods)).map(PracticeView::of)
                .orElseThrow(() -> new NotFoundException("No practice " + ods));
    }

    /** Creates (201) or replaces (200) a practice's details. Admins only. A remote endpoint must be https://. */
    @PUT
    @Path("{ods}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("ADMIN")
    public Response put(@PathParam("ods") String ods, @NotNull @Valid PracticeRequest request) {
        OdsCode odsCode = OdsCode.of(ods);
        Optional<String> notHttps = request.hosted() ? Optional.empty() : endpoints.refusal(request.endpointUrl());
        if (notHttps.isPresent()) {
            return Problem.invalidField("endpointUrl", notHttps.get()).toResponse();
        }
        Practices.Saved saved = practices.save(odsCode, request.toDetails(),
                Actor.apiClient(ApiSecurityContext.callerOf(security).name()));
        PracticeView view = PracticeView.of(saved.practice());
        return saved.created()
                ? Response.created(uriInfo.getBaseUriBuilder().path(PracticeResource.class).path(odsCode.value()).build()).entity(view).build()
                : Response.ok(view).build();
    }
}

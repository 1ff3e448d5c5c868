package uk.nhs.gp2gp.api.security;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;

/**
 * One audit line per 403 of the API, whichever check refused (a role's {@code @RolesAllowed}, a
 * practice the key does not act for), at most one a minute per client address (see
 * {@link RefusalLimits}). The key's name is the actor. The 401s are audited where they are decided, in {@link ApiKeyMechanism}.
 */
@Provider
public class ForbiddenAudit implements ContainerResponseFilter {

    @Inject
    private RefusalLimits refusals;

    @Context
    private HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() != Response.Status.FORBIDDEN.getStatusCode()) {
            return;
        }
        String actor = request.getSecurityContext().getUserPrincipal() instanceof ApiSecurityContext.ApiPrincipal p
                ? p.caller().name() : ApiKeyMechanism.NO_VALID_KEY;
        String address = http.getRemoteAddr();
        refusals.audit(address, "403", new AuditEntry(ActorType.API_CLIENT, actor, "API_ACCESS", "ADDRESS", address,
                null, Outcome.DENIED, "403 " + reason(response) + ": " + RefusalLimits.requestLine(request)));
    }

    /** The problem's own detail when there is one (it says why), never the request's content. */
    private static String reason(ContainerResponseContext response) {
        if (response.getEntity() instanceof uk.nhs.gp2gp.api.problem.Problem problem && problem.detail() != null) {
            return problem.detail().length() > 300 ? problem.detail().substring(0, 300) : problem.detail();
        }
        return "forbidden";
    }
}

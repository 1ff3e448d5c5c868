package uk.nhs.gp2gp.api.security;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.security.ApiClients;

/**
 * Every call to the partner API must carry a valid, unrevoked key as
 * {@code Authorization: Bearer <key>}; anything else is answered 401 before any resource runs,
 * even for addresses that do not exist (so that a caller without a key learns nothing). A key over
 * its limit of requests a minute is answered 429 with Retry-After.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthentication implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @EJB
    private ApiClients apiClients;

    @Inject
    private ApiRateLimits limits;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ApiCaller> caller = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? apiClients.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            String detail = header == null ? "An API key is required: send Authorization: Bearer <key>"
                    : "The API key is not valid or has been revoked";
            request.abortWith(Response.fromResponse(
                    Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail).toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gp2gp\"").build());
            return;
        }
        Optional<Duration> wait = limits.take(caller.get());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (long) Math.ceil(wait.get().toMillis() / 1000.0));
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS, "rate-limited",
                    "This API key has made more requests than its limit a minute allows; try again in " + seconds
                            + " s").toResponse())
                    .header(HttpHeaders.RETRY_AFTER, seconds).build());
            return;
        }
        request.setSecurityContext(new ApiSecurityContext(caller.get(), request.getSecurityContext().isSecure()));
    }
}

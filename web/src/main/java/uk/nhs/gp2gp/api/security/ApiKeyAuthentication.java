package uk.nhs.gp2gp.api.security;

import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Optional;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.security.ApiClients;

/**
 * Every call to the partner API must carry a valid, unrevoked key as
 * {@code Authorization: Bearer <key>}; anything else is answered 401 before any resource runs,
 * even for addresses that do not exist (so that a caller without a key learns nothing). A key over
 * its limit of requests a minute is answered 429 with Retry-After. An address that failed too
 * often in its minute is answered 429 too, without looking at its key at all, even a right one:
 * guessing then costs the guesser time and the database nothing.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthentication implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    /** The actor of the audit line of a call refused before any key was recognised. */
    public static final String NO_VALID_KEY = "(no valid key)";

    @EJB
    private ApiClients apiClients;

    @Inject
    private ApiRateLimits limits;

    @Inject
    private RefusalLimits refusals;

    @Context
    private HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        String address = http.getRemoteAddr();
        Optional<Duration> throttled = refusals.throttled(address);
        if (throttled.isPresent()) {
            long seconds = seconds(throttled.get());
            refusals.audit(address, "throttled", refusal("API_AUTHENTICATION_THROTTLED", address, request,
                    "429 too many failed authentications from this address; key not looked at"));
            request.abortWith(tooMany("too-many-failed-authentications", "This address has failed to authenticate "
                    + "too often; try again in " + seconds + " s", seconds));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ApiCaller> caller = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? apiClients.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            refusals.authenticationFailed(address);
            String detail = header == null ? "An API key is required: send Authorization: Bearer <key>"
                    : "The API key is not valid or has been revoked";
            refusals.audit(address, "401", refusal("API_AUTHENTICATION", address, request, "401 " + detail));
            request.abortWith(Response.fromResponse(
                    Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail).toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gp2gp\"").build());
            return;
        }
        Optional<Duration> wait = limits.take(caller.get());
        if (wait.isPresent()) {
            long seconds = seconds(wait.get());
            request.abortWith(tooMany("rate-limited", "This API key has made more requests than its limit a minute "
                    + "allows; try again in " + seconds + " s", seconds));
            return;
        }
        request.setSecurityContext(new ApiSecurityContext(caller.get(), request.getSecurityContext().isSecure()));
    }

    /** No key, so no name: the line names the address. The key presented is never written anywhere. */
    private static AuditEntry refusal(String action, String address, ContainerRequestContext request, String detail) {
        return new AuditEntry(ActorType.API_CLIENT, NO_VALID_KEY, action, "ADDRESS", address, null,
                Outcome.DENIED, detail + ": " + RefusalLimits.requestLine(request));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0));
    }

    private static Response tooMany(String slug, String detail, long seconds) {
        return Response.fromResponse(Problem.of(Response.Status.TOO_MANY_REQUESTS, slug, detail).toResponse())
                .header(HttpHeaders.RETRY_AFTER, seconds).build();
    }
}

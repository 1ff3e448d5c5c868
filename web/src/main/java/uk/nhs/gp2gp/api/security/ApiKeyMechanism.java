package uk.nhs.gp2gp.api.security;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Qualifier;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.console.SecurityHeadersFilter;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.security.ApiClients;

/**
 * The partner API's authentication (Jakarta Security): every call must carry a valid, unrevoked key
 * as {@code Authorization: Bearer <key>}; anything else is answered 401 before any resource runs,
 * even for addresses that do not exist (so that a caller without a key learns nothing). A key over
 * its limit of requests a minute is answered 429 with Retry-After. An address that failed too
 * often in its minute is answered 429 too, without looking at its key at all, even a right one:
 * guessing then costs the guesser time and the database nothing. A recognised key becomes the
 * request's caller, its roles the caller's groups, so that {@code @RolesAllowed} on the resources
 * and on the beans behind them decides what it may do. {@link AuthenticationByPath} sends it the
 * API's requests only.
 */
@ApplicationScoped
@ApiKeyMechanism.Bearer
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    /** This mechanism, among the application's two. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    public @interface Bearer {
    }

    private static final String BEARER = "Bearer ";
    /** As JAX-RS writes a problem, so that a refusal here reads like every other. */
    private static final Jsonb JSON = JsonbBuilder.create();
    /** The actor of the audit line of a call refused before any key was recognised. */
    public static final String NO_VALID_KEY = "(no valid key)";

    @EJB
    private ApiClients apiClients;

    @Inject
    private ApiRateLimits limits;

    @Inject
    private RefusalLimits refusals;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String address = request.getRemoteAddr();
        Optional<Duration> throttled = refusals.throttled(address);
        if (throttled.isPresent()) {
            long seconds = seconds(throttled.get());
            refusals.audit(address, "throttled", refusal("API_AUTHENTICATION_THROTTLED", address, request,
                    "429 too many failed authentications from this address; key not looked at"));
            return tooMany(request, response, "too-many-failed-authentications", "This address has failed to authenticate "
                    + "too often; try again in " + seconds + " s", seconds);
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<ApiCaller> caller = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? apiClients.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (caller.isEmpty()) {
            refusals.authenticationFailed(address);
            String detail = header == null ? "An API key is required: send Authorization: Bearer <key>"
                    : "The API key is not valid or has been revoked";
            refusals.audit(address, "401", refusal("API_AUTHENTICATION", address, request, "401 " + detail));
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gp2gp\"");
            return refuse(request, response, Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail));
        }
        Optional<Duration> wait = limits.take(caller.get());
        if (wait.isPresent()) {
            long seconds = seconds(wait.get());
            return tooMany(request, response, "rate-limited", "This API key has made more requests than its limit a minute "
                    + "allows; try again in " + seconds + " s", seconds);
        }
        return context.notifyContainerAboutLogin(new ApiSecurityContext.ApiPrincipal(caller.get()),
                caller.get().roles());
    }

    /** No key, so no name: the line names the address. The key presented is never written anywhere. */
    private static AuditEntry refusal(String action, String address, HttpServletRequest request, String detail) {
        return new AuditEntry(ActorType.API_CLIENT, NO_VALID_KEY, action, "ADDRESS", address, null,
                Outcome.DENIED, detail + ": " + RefusalLimits.requestLine(request));
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (long) Math.ceil(wait.toMillis() / 1000.0));
    }

    private static AuthenticationStatus tooMany(HttpServletRequest request, HttpServletResponse response, String slug,
            String detail, long seconds) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return refuse(request, response, Problem.of(Response.Status.TOO_MANY_REQUESTS, slug, detail));
    }

    /** Answers with the problem itself (JAX-RS never sees the request) and ends the request there. */
    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
            Problem problem) {
        SecurityHeadersFilter.strictTransportSecurity(request, response);
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        try {
            // Bytes, not a writer: a writer would add "; charset" to the media type, which JSON does without.
            response.getOutputStream().write(JSON.toJson(problem).getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}

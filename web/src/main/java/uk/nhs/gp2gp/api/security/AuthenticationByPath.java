package uk.nhs.gp2gp.api.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition.CustomFormAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The application's one way in, with two mechanisms behind it (Jakarta Security 4.0 qualifiers): the
 * partner API under /api/v1 authenticates every request by its bearer key ({@link ApiKeyMechanism},
 * no session); everything else goes to the console's form sign-in ({@code ConsoleSecurity}), which
 * acts only on the pages web.xml protects, so /health, /openapi and /mhs/inbound (which has its own
 * peer-secret check) stay open to it. Either way the caller's roles are the groups that
 * {@code @RolesAllowed} checks on the resources, the pages and the beans.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class AuthenticationByPath implements HttpAuthenticationMechanismHandler {

    /** Where JAX-RS serves the API (ApiApplication's path). */
    static final String API_PATH = "/api/v1";

    @Inject
    @ApiKeyMechanism.Bearer
    private HttpAuthenticationMechanism apiKeys;

    @Inject
    @CustomFormAuthenticationMechanism
    private HttpAuthenticationMechanism consoleForm;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        return mechanismFor(request).validateRequest(request, response, context);
    }

    @Override
    public AuthenticationStatus secureResponse(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) throws AuthenticationException {
        return mechanismFor(request).secureResponse(request, response, context);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        mechanismFor(request).cleanSubject(request, response, context);
    }

    private HttpAuthenticationMechanism mechanismFor(HttpServletRequest request) {
        return isApi(request) ? apiKeys : consoleForm;
    }

    /**
     * The servlet path is the one the container maps to JAX-RS (normalised: no "..", no ";param"), so
     * no spelling of an API address can reach a resource without passing the key check.
     */
    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return API_PATH.equals(request.getServletPath()) || path.equals(API_PATH) || path.startsWith(API_PATH + "/");
    }
}

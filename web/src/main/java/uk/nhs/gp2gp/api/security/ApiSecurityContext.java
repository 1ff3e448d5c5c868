package uk.nhs.gp2gp.api.security;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.security.ApiCaller;

/** The authenticated API client, as JAX-RS sees it. */
public record ApiSecurityContext(ApiCaller caller, boolean secure) implements SecurityContext {

    /** The principal carries the caller, so that it survives the proxies JAX-RS injects. */
    public record ApiPrincipal(ApiCaller caller) implements Principal {
        @Override
        public String getName() {
            return caller.name();
        }
    }

    @Override
    public Principal getUserPrincipal() {
        return new ApiPrincipal(caller);
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }

    /** An audit line for what the calling key did, done (the key's name as actor). */
    public static AuditEntry auditLine(SecurityContext context, String action, String targetType, String targetId) {
        return AuditEntry.apiClient(callerOf(context).name(), action, targetType, targetId, Outcome.SUCCESS);
    }

    /** The caller behind a request that passed {@link ApiKeyAuthentication}. */
    public static ApiCaller callerOf(SecurityContext context) {
        if (context.getUserPrincipal() instanceof ApiPrincipal principal) {
            return principal.caller();
        }
        throw new IllegalStateException("The request was not authenticated with an API key");
    }
}

package uk.nhs.gp2gp.api.security;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.security.ApiCaller;

/**
 * The authenticated API client, as the resources see it through JAX-RS's security context: its
 * principal, for the checks that depend on data (the practices a key acts for), and its audit lines.
 */
public final class ApiSecurityContext {

    /**
     * The principal {@link ApiKeyMechanism} gives the container: it carries the caller, and the
     * container hands this very object back as the request's user principal.
     */
    public record ApiPrincipal(ApiCaller caller) implements Principal {
        @Override
        public String getName() {
            return caller.name();
        }
    }

    private ApiSecurityContext() {
    }

    /** An audit line for what the calling key did, done (the key's name as actor). */
    public static AuditEntry auditLine(SecurityContext context, String action, String targetType, String targetId) {
        return AuditEntry.apiClient(callerOf(context).name(), action, targetType, targetId, Outcome.SUCCESS);
    }

    /** The caller behind a request that passed {@link ApiKeyMechanism}. */
    public static ApiCaller callerOf(SecurityContext context) {
        if (context.getUserPrincipal() instanceof ApiPrincipal principal) {
            return principal.caller();
        }
        throw new IllegalStateException("The request was not authenticated with an API key");
    }
}

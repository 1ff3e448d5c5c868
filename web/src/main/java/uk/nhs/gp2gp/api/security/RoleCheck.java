package uk.nhs.gp2gp.api.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.List;

/** Enforces {@link RequiresRole} on resource methods (or their class) for API callers. */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresRole allowed = resource.getResourceMethod().getAnnotation(RequiresRole.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(RequiresRole.class);
        }
        if (allowed != null) {
            context.register(new RequireOneOf(Arrays.asList(allowed.value())));
        }
    }

    @Priority(Priorities.AUTHORIZATION)
    private record RequireOneOf(List<String> roles) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            if (roles.stream().noneMatch(request.getSecurityContext()::isUserInRole)) {
                throw new ForbiddenException("This API key's roles do not allow this call");
            }
        }
    }
}

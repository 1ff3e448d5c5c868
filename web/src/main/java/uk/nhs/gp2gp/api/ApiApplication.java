package uk.nhs.gp2gp.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The partner API: every call carries an API key as {@code Authorization: Bearer <key>}. */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
        info = @Info(title = "GP2GP Hub partner API", version = "1",
                description = "Ask for a new patient's GP record, fetch it, report whether it was integrated; "
                        + "answer requests for your own patients' records. Errors are application/problem+json."),
        security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key issued by an admin of this GP2GP Hub")
public class ApiApplication extends Application {

    /**
     * Jersey checks {@code @RolesAllowed} on resources only with this feature of its own; named
     * here by its property so that the code needs no Jersey at compile time.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}

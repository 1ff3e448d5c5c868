package uk.nhs.gp2gp.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The API key must have one of these roles ({@code ADMIN} always passes). Our own annotation,
 * not {@code @RolesAllowed}: the server would enforce that one with container (Basic) login,
 * which API clients do not use.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresRole {
    String[] value();
}

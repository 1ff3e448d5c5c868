package uk.nhs.gp2gp.console;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * The console's sign-in: a form on our own page, checked by {@link ConsoleIdentityStore}. Which
 * pages each role may open is in web.xml. {@code AuthenticationByPath} gives this mechanism every
 * request but the API's (which go to the bearer-key mechanism); it acts only on the pages web.xml
 * protects.
 */
@ApplicationScoped
@FacesConfig
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(
        loginPage = "/console/login.xhtml", useForwardToLogin = false, errorPage = ""))
@DeclareRoles({ConsoleRoles.ADMIN, ConsoleRoles.OPERATOR, ConsoleRoles.AUDITOR})
public class ConsoleSecurity {
}

package uk.nhs.gp2gp.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

/** Who is signed in and what they may do; the layout and the pages ask it before offering an action. */
@Named
@RequestScoped
public class SignedInUser {

    @Inject
    private SecurityContext security;

    public String getName() {
        return security.getCallerPrincipal() == null ? null : security.getCallerPrincipal().getName();
    }

    public boolean isAdmin() {
        return security.isCallerInRole(ConsoleRoles.ADMIN);
    }

    /** Retry, cancel, paper fallback. */
    public boolean isMayAct() {
        return isAdmin() || security.isCallerInRole(ConsoleRoles.OPERATOR);
    }

    public boolean isMayReadAudit() {
        return isAdmin() || security.isCallerInRole(ConsoleRoles.AUDITOR);
    }

    public boolean isMayReadPractices() {
        return isMayAct();
    }

    public String getRoleLabel() {
        return isAdmin() ? "Administrator" : security.isCallerInRole(ConsoleRoles.OPERATOR) ? "Operator" : "Auditor";
    }

    /** Ends the session and goes back to the sign-in page. */
    public void signOut() throws IOException, ServletException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + "/console/login.xhtml?signedOut=true");
    }

    /** Refuses an action the user's role does not allow, whatever the page showed. */
    void require(boolean allowed) {
        if (!allowed) {
            throw new SecurityException("Your role does not allow this action");
        }
    }
}

package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.security.Principal;
import java.util.Objects;
import uk.nhs.gp2gp.security.ConsoleUsers;

/**
 * Ends a console session whose user was disabled, had their roles changed or their password reset
 * since signing in: the session's copy of the user's security version no longer matches the
 * database's. The database is shared, so this holds on every node at once; one small query per
 * console request. The next click lands on the sign-in page.
 */
@WebFilter(urlPatterns = "/console/*")
public class LiveSessionFilter extends HttpFilter {

    static final String ENDED_PAGE = "/console/login.xhtml?ended=true";

    @EJB
    private ConsoleUsers users;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = request.getSession(false);
        Principal user = request.getUserPrincipal();
        if (session != null && user != null && !Objects.equals(session.getAttribute(
                ConsoleIdentityStore.SECURITY_VERSION), users.liveSecurityVersion(user.getName()).orElse(null))) {
            request.logout();
            session.invalidate();
            String target = request.getContextPath() + ENDED_PAGE;
            if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
                // A Faces ajax request follows a redirect only when told in its own format.
                response.setContentType("text/xml");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                        + target + "\"/></partial-response>");
            } else {
                response.sendRedirect(target);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}

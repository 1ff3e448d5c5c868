package uk.nhs.gp2gp.api.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.security.AddressThrottle;

/**
 * Refused API calls, per client address: failed authentications are throttled (past
 * gp2gp.api.failed-authentications-per-minute the address gets 429 until its minute is over, and
 * no key is looked up), and refusals are audited at most once a minute per address and kind, the
 * next line counting those left out, so that a flood cannot fill the audit table.
 */
@ApplicationScoped
public class RefusalLimits {

    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(RefusalLimits.class.getName());

    @Inject
    @ConfigProperty(name = "gp2gp.api.failed-authentications-per-minute", defaultValue = "10")
    int failuresPerMinute;

    @Inject
    private Clock clock;

    @EJB
    private AuditLog audit;

    private AddressThrottle failures;
    private AddressThrottle auditLines;

    @PostConstruct
    void start() {
        failures = new AddressThrottle(failuresPerMinute, WINDOW, clock);
        auditLines = new AddressThrottle(1, WINDOW, clock);
    }

    /** How long the address must wait, when it has failed to authenticate too often. */
    public Optional<Duration> throttled(String address) {
        return failures.blockedFor(address);
    }

    public void authenticationFailed(String address) {
        failures.count(address);
    }

    /**
     * Writes the audit line of a refusal unless this address had one of this kind in the last
     * minute; {@code leftOut} of the line's detail says how many the previous minute left out.
     */
    public void audit(String address, String kind, AuditEntry line) {
        AddressThrottle.Counted counted = auditLines.count(address + " " + kind);
        if (counted.withinLimit()) {
            String leftOut = counted.overLimitBefore() == 0 ? ""
                    : "; " + counted.overLimitBefore() + " more from this address in its previous minute not written";
            try {
                audit.record(line.withDetail(line.detail() + leftOut));
            } catch (RuntimeException e) {
                // The refusal stands; a database that cannot take the line must not turn it into a 500.
                LOG.log(System.Logger.Level.WARNING, "Audit line of a refused API call not written: {0}", e.toString());
            }
        }
    }

    /** Method and path under the API, cut short: a hostile path must not overflow the audit line. */
    static String requestLine(jakarta.ws.rs.container.ContainerRequestContext request) {
        return requestLine(request.getMethod(), "/" + request.getUriInfo().getPath());
    }

    /** The same, for a request refused before JAX-RS saw it. */
    static String requestLine(jakarta.servlet.http.HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return requestLine(request.getMethod(), path.startsWith(AuthenticationByPath.API_PATH)
                ? path.substring(AuthenticationByPath.API_PATH.length()) : path);
    }

    private static String requestLine(String method, String path) {
        String line = method + " " + path;
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}

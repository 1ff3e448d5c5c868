package uk.nhs.gp2gp.it.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import uk.nhs.gp2gp.security.ApiClients;

/**
 * TEST ONLY, admin keys only: what an IT needs that the product offers no API for (yet): moving the
 * clock, issuing an API key limited to some practices, counting audit lines.
 */
@Path("it-support")
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class ItSupportResource {

    @Inject
    private ItClock time;

    @EJB
    private ApiClients apiClients;

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    public record ClockChange(String instant, String advanceBy, String shiftBy, Boolean run) {
    }

    public record NewClient(String name, Set<String> roles, Set<String> odsCodes, Integer requestsPerMinute) {
    }

    /**
     * {"instant": "2027-01-04T09:00:00Z"} freezes the clock there; {"advanceBy": "P1D"} moves it on;
     * {"shiftBy": "P2D"} moves it on and lets it keep running; {"run": true} lets a frozen clock run on.
     */
    @PUT
    @Path("clock")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> clock(ClockChange change) {
        Instant now = Boolean.TRUE.equals(change.run()) ? time.run()
                : change.instant() != null ? time.freezeAt(Instant.parse(change.instant()))
                : change.shiftBy() != null ? time.shift(Duration.parse(change.shiftBy()))
                : time.advance(Duration.parse(change.advanceBy()));
        return Map.of("now", now.toString());
    }

    @POST
    @Path("api-clients")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> apiClient(NewClient client) {
        var issued = apiClients.create(client.name(), client.roles(), client.odsCodes(), client.requestsPerMinute());
        return Map.of("key", issued.key(), "id", String.valueOf(issued.clientId()));
    }

    @POST
    @Path("api-clients/{id}/revoke")
    public Map<String, Boolean> revoke(@jakarta.ws.rs.PathParam("id") long id) {
        return Map.of("revoked", apiClients.revoke(id));
    }

    /** Revokes a client by name (the bootstrap client, whose id a test does not know). */
    @POST
    @Path("api-clients/by-name/{name}/revoke")
    public Map<String, Boolean> revokeByName(@jakarta.ws.rs.PathParam("name") String name) {
        return Map.of("revoked", apiClients.findByName(name).map(c -> apiClients.revoke(c.getId())).orElse(false));
    }

    @GET
    @Path("audit-count")
    public Map<String, Long> auditCount(@QueryParam("action") String action, @QueryParam("actor") String actor) {
        return Map.of("count", em.createQuery("select count(a) from AuditEvent a where a.action = :action"
                        + " and a.actor = :actor", Long.class)
                .setParameter("action", action).setParameter("actor", actor).getSingleResult());
    }
}

package uk.nhs.gp2gp.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds audit events: who did what, when, to which record. Newest first, a page at a time. */
@Stateless
// Who may call: the console's auditors.
@RolesAllowed({"ADMIN", "AUDITOR"})
public class AuditSearch {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    /** What to look for; null fields match anything. {@code action} matches a prefix (TRANSFER_ finds them all). */
    public record Filter(String actor, String action, String targetId, String nhsNumber, Instant from, Instant to) {
    }

    public List<AuditEvent> find(Filter filter, int first, int max) {
        return query("select e", filter, " order by e.occurredAt desc, e.id desc", AuditEvent.class)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(Filter filter) {
        return query("select count(e)", filter, "", Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> query(String select, Filter filter, String orderBy, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" from AuditEvent e where 1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.actor() != null) {
            jpql.append(" and e.actor = :actor");
            parameters.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            jpql.append(" and e.action like :action");
            parameters.put("action", filter.action().replace("%", "").replace("_", "\\_") + "%");
            jpql.append(" escape '\\'");
        }
        if (filter.targetId() != null) {
            jpql.append(" and e.targetId = :target");
            parameters.put("target", filter.targetId());
        }
        if (filter.nhsNumber() != null) {
            jpql.append(" and e.nhsNumber = :nhsNumber");
            parameters.put("nhsNumber", filter.nhsNumber());
        }
        if (filter.from() != null) {
            jpql.append(" and e.occurredAt >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            jpql.append(" and e.occurredAt < :to");
            parameters.put("to", filter.to());
        }
        TypedQuery<T> query = em.createQuery(jpql.append(orderBy).toString(), type);
        parameters.forEach(query::setParameter);
        return query;
    }
}

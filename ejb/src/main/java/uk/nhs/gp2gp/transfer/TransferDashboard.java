package uk.nhs.gp2gp.transfer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures an operator looks at first: how many transfers today and this month, by state; why
 * the failed ones failed; which records are close to the end of the 8-day window; which large
 * records are still arriving. Counted in the database, never by loading transfers.
 */
@Stateless
// Who may call: the console's readers.
@RolesAllowed({"ADMIN", "OPERATOR", "AUDITOR"})
public class TransferDashboard {

    /** Day boundaries as the practices see them. */
    public static final ZoneId UK = ZoneId.of("Europe/London");

    /** From day 6 a record not yet integrated needs a nudge before the 8 days run out. */
    public static final Duration NEAR_WINDOW_END = Transfer.INTEGRATION_WINDOW.minusDays(2);

    /** Records above this size arrive in parts and are worth watching. */
    public static final long LARGE_RECORD_BYTES = 5L * 1024 * 1024;

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @Inject
    private Clock clock;

    public record Figures(Map<TransferStatus, Long> today, Map<TransferStatus, Long> thisMonth,
            Map<String, Long> failuresByReason, List<Transfer> nearWindowEnd, List<Transfer> largeInProgress,
            Map<LocalDate, Map<String, Long>> last30Days) {
    }

    public Figures figures() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, UK);
        Instant startOfDay = today.atStartOfDay(UK).toInstant();
        Instant startOfMonth = today.withDayOfMonth(1).atStartOfDay(UK).toInstant();
        Instant thirtyDaysAgo = today.minusDays(29).atStartOfDay(UK).toInstant();
        return new Figures(byStatus(startOfDay), byStatus(startOfMonth), failuresByReason(startOfMonth),
                nearWindowEnd(now), largeInProgress(), daily(thirtyDaysAgo, today));
    }

    private Map<TransferStatus, Long> byStatus(Instant since) {
        Map<TransferStatus, Long> counts = new EnumMap<>(TransferStatus.class);
        em.createQuery("select t.status, count(t) from Transfer t where t.requestedAt >= :since group by t.status",
                Object[].class).setParameter("since", since).getResultList()
                .forEach(row -> counts.put((TransferStatus) row[0], (Long) row[1]));
        return counts;
    }

    private Map<String, Long> failuresByReason(Instant since) {
        Map<String, Long> counts = new LinkedHashMap<>();
        em.createQuery("select coalesce(t.failureCode, 'none'), count(t) from Transfer t"
                        + " where t.requestedAt >= :since and t.status in :failed"
                        + " group by coalesce(t.failureCode, 'none') order by count(t) desc", Object[].class)
                .setParameter("since", since).setParameter("failed", TransferOutcomeGroup.FAILED.statuses())
                .getResultList().forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    /** Records here (or sent) 6 days or more ago whose final acknowledgement is still due. */
    private List<Transfer> nearWindowEnd(Instant now) {
        return em.createQuery("select t from Transfer t where t.status in :waiting"
                        + " and t.extractReceivedAt <= :since order by t.extractReceivedAt", Transfer.class)
                .setParameter("waiting", List.of(TransferStatus.READY_TO_INTEGRATE, TransferStatus.EXTRACT_SENT))
                .setParameter("since", now.minus(NEAR_WINDOW_END)).setMaxResults(50).getResultList();
    }

    private List<Transfer> largeInProgress() {
        return em.createQuery("select t from Transfer t where t.status = :parts or (t.status in :running"
                        + " and t.bytesReceived >= :large) order by t.updatedAt desc", Transfer.class)
                .setParameter("parts", TransferStatus.WAITING_FOR_PARTS)
                .setParameter("running", List.of(TransferStatus.REQUESTED, TransferStatus.WAITING_FOR_EXTRACT))
                .setParameter("large", LARGE_RECORD_BYTES).setMaxResults(20).getResultList();
    }

    /** Transfers started on each of the last 30 days, by outcome group (days as the database counts them). */
    private Map<LocalDate, Map<String, Long>> daily(Instant since, LocalDate today) {
        Map<LocalDate, Map<String, Long>> days = new TreeMap<>();
        for (LocalDate day = today.minusDays(29); !day.isAfter(today); day = day.plusDays(1)) {
            Map<String, Long> groups = new LinkedHashMap<>();
            for (TransferOutcomeGroup group : TransferOutcomeGroup.values()) {
                groups.put(group.label(), 0L);
            }
            days.put(day, groups);
        }
        em.createQuery("select extract(date from t.requestedAt), t.status, count(t) from Transfer t"
                        + " where t.requestedAt >= :since group by extract(date from t.requestedAt), t.status",
                Object[].class).setParameter("since", since).getResultList().forEach(row -> {
                    Map<String, Long> groups = days.get((LocalDate) row[0]);
                    if (groups != null) {
                        groups.merge(TransferOutcomeGroup.of((TransferStatus) row[1]).label(), (Long) row[2],
                                Long::sum);
                    }
                });
        return days;
    }
}

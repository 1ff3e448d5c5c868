package uk.nhs.gp2gp.suspension;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Repository mode: on when {@code gp2gp.repository.ods} is set. The repository is a hosted party of
 * its own (ODS code and ASID) that takes records from practices and sends them on.
 */
@ApplicationScoped
public class RepositorySettings {

    @Inject
    @ConfigProperty(name = "gp2gp.repository.ods")
    private Optional<String> ods;

    @Inject
    @ConfigProperty(name = "gp2gp.repository.asid", defaultValue = "999999999999")
    private String asid;

    @Inject
    @ConfigProperty(name = "gp2gp.repository.name", defaultValue = "Suspended records repository")
    private String name;

    /** Practices whose suspended patients' records the repository takes; empty: every practice. */
    @Inject
    @ConfigProperty(name = "gp2gp.repository.allowed-practices", defaultValue = " ")
    private String allowedPractices;

    /** How long a released record is kept (soft-deleted) before it is deleted for good. */
    @Inject
    @ConfigProperty(name = "gp2gp.repository.retention", defaultValue = "P56D")
    private Duration retention;

    /**
     * How long after a failed or timed-out intake the repository asks the old practice again by
     * itself: the national repository's repo-incoming queue redelivers after its 12 h visibility timeout.
     */
    @Inject
    @ConfigProperty(name = "gp2gp.repository.retry-after", defaultValue = "PT12H")
    private Duration retryAfter;

    /**
     * How many times it asks again before an operator must: 28 at 12 h is the 14 days the national
     * repo-incoming queue keeps a message (it has no dead-letter limit).
     */
    @Inject
    @ConfigProperty(name = "gp2gp.repository.retry-limit", defaultValue = "28")
    private int retryLimit;

    public boolean isOn() {
        return repositoryOds().isPresent();
    }

    public Optional<String> repositoryOds() {
        return ods.map(String::strip).filter(s -> !s.isEmpty()).map(String::toUpperCase);
    }

    /** True when this ODS code is the repository this instance runs as. */
    public boolean isRepository(String odsCode) {
        return odsCode != null && repositoryOds().map(odsCode::equalsIgnoreCase).orElse(false);
    }

    public String asid() {
        return asid;
    }

    public String name() {
        return name;
    }

    public boolean allows(String practiceOds) {
        Set<String> allowed = Arrays.stream(allowedPractices.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(String::toUpperCase).collect(Collectors.toSet());
        return allowed.isEmpty() || allowed.contains(practiceOds.toUpperCase());
    }

    public Duration retention() {
        return retention;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public int retryLimit() {
        return retryLimit;
    }
}

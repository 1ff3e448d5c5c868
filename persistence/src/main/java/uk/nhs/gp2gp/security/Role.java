package uk.nhs.gp2gp.security;

/**
 * What an API client or console user may do. API clients: {@code PRACTICE} (act for its own
 * practices), {@code REPOSITORY} (the suspended-records repository's holdings), {@code ADMIN}
 * (everything). Console users: {@code ADMIN}, {@code OPERATOR} (read, retry, cancel),
 * {@code AUDITOR} (read-only, reports, audit).
 */
public enum Role {
    ADMIN, PRACTICE, REPOSITORY, DEMOGRAPHICS, OPERATOR, AUDITOR
}

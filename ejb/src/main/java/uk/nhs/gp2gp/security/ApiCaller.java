package uk.nhs.gp2gp.security;

import java.util.Set;

/**
 * Who is calling the API, and what for: roles and the practices (ODS codes) it may act for, and the
 * key's own limit of requests per minute (null: the default).
 */
public record ApiCaller(long clientId, String name, Set<String> roles, Set<String> odsCodes,
        Integer requestsPerMinute) {

    public ApiCaller {
        roles = Set.copyOf(roles);
        odsCodes = Set.copyOf(odsCodes);
    }

    public ApiCaller(long clientId, String name, Set<String> roles, Set<String> odsCodes) {
        this(clientId, name, roles, odsCodes, null);
    }

    public boolean hasRole(String role) {
        return roles.contains(role) || roles.contains(Role.ADMIN.name());
    }

    public boolean mayActFor(String odsCode) {
        return hasRole(Role.ADMIN.name()) || odsCodes.contains(ApiClient.ALL_PRACTICES) || odsCodes.contains(odsCode);
    }
}

package uk.nhs.gp2gp.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.security.ApiClient;
import uk.nhs.gp2gp.security.ApiClients;
import uk.nhs.gp2gp.security.ApiKeys;
import uk.nhs.gp2gp.security.Role;

/**
 * api-clients.xhtml: keys for partner systems. A new key is shown once, on this page, and never
 * again (only its hash is kept); a key can be revoked at once.
 */
@Named
@ViewScoped
public class ApiClientsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What a partner system's key may be given; console roles are not API roles. */
    private static final List<String> API_ROLES = List.of(Role.PRACTICE.name(), Role.REPOSITORY.name(),
            Role.DEMOGRAPHICS.name(), Role.ADMIN.name());

    @EJB
    private ApiClients clients;

    @EJB
    private AuditLog audit;

    @Inject
    private SignedInUser user;

    private List<ApiClient> all;
    private String name;
    private List<String> roles = new java.util.ArrayList<>(List.of(Role.PRACTICE.name()));
    private String odsCodes;
    private Integer requestsPerMinute;
    private String issuedKey;
    private String issuedName;

    @PostConstruct
    void load() {
        all = clients.all();
    }

    public void create() {
        try {
            user.require(user.isAdmin());
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Give the client a name (the partner system it is for)");
            }
            if (clients.findByName(name.strip()).isPresent()) {
                throw new IllegalArgumentException("A client called " + name.strip() + " exists already");
            }
            if (roles == null || roles.isEmpty()) {
                throw new IllegalArgumentException("Choose at least one role");
            }
            Set<String> codes = new LinkedHashSet<>();
            for (String code : (odsCodes == null ? "" : odsCodes).split("[,\\s]+")) {
                if (!code.isBlank()) {
                    codes.add(code.strip().equals(ApiClient.ALL_PRACTICES) ? ApiClient.ALL_PRACTICES
                            : new OdsCode(code.strip()).value());
                }
            }
            if (codes.isEmpty()) {
                throw new IllegalArgumentException("Give the ODS codes the client acts for (or * for all)");
            }
            ApiClients.IssuedKey issued = clients.create(name.strip(), Set.copyOf(roles), codes, requestsPerMinute);
            audit.record(new AuditEntry(ActorType.USER, user.getName(), "API_CLIENT_CREATE", "API_CLIENT",
                    issued.name(), null, Outcome.SUCCESS, "roles " + roles + ", practices " + codes
                    + (requestsPerMinute == null ? "" : ", " + requestsPerMinute + " requests a minute")));
            issuedKey = issued.key();
            issuedName = issued.name();
            name = null;
            odsCodes = null;
            requestsPerMinute = null;
            load();
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Client not created", e);
        }
    }

    public void revoke(ApiClient client) {
        try {
            user.require(user.isAdmin());
            clients.revoke(client.getId());
            audit.record(new AuditEntry(ActorType.USER, user.getName(), "API_CLIENT_REVOKE", "API_CLIENT",
                    client.getName(), null, Outcome.SUCCESS, null));
            ConsoleMessages.done("Key revoked", client.getName() + " can no longer call the API.");
            load();
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Key not revoked", e);
        }
    }

    /** The key is forgotten once the admin has seen it. */
    public void dismissKey() {
        issuedKey = null;
        issuedName = null;
    }

    public List<String> getApiRoles() {
        return API_ROLES;
    }

    /** The first characters of the key, never more than {@link ApiKeys#SHOWN_CHARACTERS}. */
    public String shown(ApiClient client) {
        return client.getKeyPrefix() == null ? "" : ApiKeys.displayPrefix(client.getKeyPrefix());
    }

    public String joined(Set<String> values) {
        return values == null ? "" : String.join(", ", values.stream().sorted().toList());
    }

    public List<ApiClient> getAll() {
        return all;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles;
    }

    public String getOdsCodes() {
        return odsCodes;
    }

    public void setOdsCodes(String odsCodes) {
        this.odsCodes = odsCodes;
    }

    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Integer requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public String getIssuedKey() {
        return issuedKey;
    }

    public String getIssuedName() {
        return issuedName;
    }
}

package uk.nhs.gp2gp.audit;

import uk.nhs.gp2gp.audit.AuditEvent.ActorType;

/** Who does something that is audited: a console user, an API client, or the system itself. */
public record Actor(ActorType type, String name) {

    public Actor {
        if (type == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("An actor needs a type and a name");
        }
    }

    public static Actor user(String username) {
        return new Actor(ActorType.USER, username);
    }

    public static Actor apiClient(String clientName) {
        return new Actor(ActorType.API_CLIENT, clientName);
    }
}

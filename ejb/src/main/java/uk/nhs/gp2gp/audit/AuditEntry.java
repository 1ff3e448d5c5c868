package uk.nhs.gp2gp.audit;

import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;

/** One line of the audit trail, before it is stored. */
public record AuditEntry(ActorType actorType, String actor, String action, String targetType, String targetId,
        String nhsNumber, Outcome outcome, String detail) {

    public static AuditEntry apiClient(String client, String action, String targetType, String targetId,
            Outcome outcome) {
        return new AuditEntry(ActorType.API_CLIENT, client, action, targetType, targetId, null, outcome, null);
    }

    public static AuditEntry by(Actor actor, String action, String targetType, String targetId, Outcome outcome) {
        return new AuditEntry(actor.type(), actor.name(), action, targetType, targetId, null, outcome, null);
    }

    public AuditEntry withNhsNumber(String number) {
        return new AuditEntry(actorType, actor, action, targetType, targetId, number, outcome, detail);
    }

    public AuditEntry withDetail(String text) {
        return new AuditEntry(actorType, actor, action, targetType, targetId, nhsNumber, outcome, text);
    }
}

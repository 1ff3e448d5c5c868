package uk.nhs.gp2gp.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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

    /**
     * One line per patient in what an actor was shown (a search or a list): the line names the
     * patient and, in its detail, every item of theirs that was shown.
     */
    public static <T> List<AuditEntry> perPatient(Actor actor, String action, String targetType, List<T> shown,
            Function<T, String> nhsNumber, Function<T, String> id) {
        Map<String, List<String>> idsByPatient = shown.stream().collect(Collectors.groupingBy(nhsNumber,
                LinkedHashMap::new, Collectors.mapping(id, Collectors.toList())));
        return idsByPatient.entrySet().stream().map(patient -> {
            String ids = String.join(" ", patient.getValue());
            return by(actor, action, targetType, patient.getValue().get(0), Outcome.SUCCESS)
                    .withNhsNumber(patient.getKey())
                    .withDetail(ids.length() > 2000 ? ids.substring(0, 1997) + "..." : ids);
        }).toList();
    }
}

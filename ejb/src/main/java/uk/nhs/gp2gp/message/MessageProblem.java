package uk.nhs.gp2gp.message;

import java.util.List;

/**
 * A message that cannot be read: not well-formed, hostile (DOCTYPE, too deep, too big), or not a
 * GP2GP message at all. Carries the violations (at least one, all errors) with their location.
 */
public class MessageProblem extends RuntimeException {

    private final transient List<Violation> violations;

    public MessageProblem(Violation violation) {
        this(List.of(violation));
    }

    public MessageProblem(List<Violation> violations) {
        super(violations.isEmpty() ? "The message cannot be read" : violations.get(0).describe());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The reason code of the first violation that has one, or null. */
    public NackCode nackCode() {
        return violations.stream().map(Violation::nackCode).filter(c -> c != null).findFirst().orElse(null);
    }

    static MessageProblem of(String field, String location, String detail, String expected, NackCode code) {
        return new MessageProblem(Violation.error(field, location, detail, expected, code));
    }
}

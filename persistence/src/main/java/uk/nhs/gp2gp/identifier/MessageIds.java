package uk.nhs.gp2gp.identifier;

import java.util.Locale;
import java.util.UUID;

/**
 * Conversation and message ids. GP2GP writes new ids as upper-case UUIDs, but real senders use
 * lower case and even ids that are not UUIDs, so ids are kept as strings, compared ignoring case
 * and normalised to upper case.
 */
public final class MessageIds {

    /** Longest id we store; real ids are 36 characters. */
    public static final int MAX_LENGTH = 64;

    private MessageIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    /** The stored form of an id received from outside; rejects blanks and junk. */
    public static String normalise(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidIdentifierException(field, field + " is missing");
        }
        String trimmed = id.strip();
        if (trimmed.length() > MAX_LENGTH || !trimmed.matches("[A-Za-z0-9._:-]+")) {
            throw new InvalidIdentifierException(field,
                    field + " must be up to " + MAX_LENGTH + " letters, digits, '-', '.', '_' or ':'");
        }
        return trimmed.toUpperCase(Locale.ROOT);
    }
}

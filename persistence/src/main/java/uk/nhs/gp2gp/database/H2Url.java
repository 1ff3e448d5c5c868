package uk.nhs.gp2gp.database;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The H2 settings the application's SQL relies on, added to an H2 URL that lacks them: an
 * operator may give a plain {@code jdbc:h2:file:/path} and the schema's {@code on conflict}, its
 * lower-case names and its null ordering still work as on PostgreSQL. A setting the operator
 * wrote is kept as written; URLs of other databases are left alone.
 */
public final class H2Url {

    /** What the migrations and queries need (PostgreSQL's dialect, names and ordering of nulls). */
    private static final Map<String, String> REQUIRED = new LinkedHashMap<>();

    static {
        REQUIRED.put("MODE", "PostgreSQL");
        REQUIRED.put("DATABASE_TO_LOWER", "TRUE");
        REQUIRED.put("DEFAULT_NULL_ORDERING", "HIGH");
    }

    private H2Url() {
    }

    /** The URL with every required setting it lacks appended; an in-memory database also kept open. */
    public static String completed(String url) {
        if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return url;
        }
        String[] parts = url.split(";");
        java.util.Set<String> given = new java.util.HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            given.add((equals < 0 ? parts[i] : parts[i].substring(0, equals)).trim().toUpperCase(Locale.ROOT));
        }
        StringBuilder completed = new StringBuilder(url.endsWith(";") ? url.substring(0, url.length() - 1) : url);
        REQUIRED.forEach((key, value) -> {
            if (!given.contains(key)) {
                completed.append(';').append(key).append('=').append(value);
            }
        });
        // An in-memory database otherwise vanishes when its last pooled connection closes.
        if (url.regionMatches(true, 0, "jdbc:h2:mem:", 0, 12) && !given.contains("DB_CLOSE_DELAY")) {
            completed.append(";DB_CLOSE_DELAY=-1");
        }
        return completed.toString();
    }
}

package uk.nhs.gp2gp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared NHS fixtures (never copied into the project) and the values their SOURCES.md gives,
 * with the templates' placeholders filled in as SOURCES.md asks.
 */
final class FixtureTable {

    static final Path ROOT = Path.of(System.getProperty("gp2gp.fixtures", "../../shared/fixtures/gp2gp"));
    static final String SKIPPED = "SKIPPED LOUDLY: the shared NHS fixtures are not at " + ROOT.toAbsolutePath()
            + " (set -Dgp2gp.fixtures); the real-message integration tests did not run";

    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "{{conversationId}}", "0C4F3E2A-5B6D-4E7F-8A9B-C0D1E2F3A4B5",
            "{{nhsNumber}}", "9690937286",
            "{{typeCode}}", "AE",
            "{{reasonCode}}", "06",
            "{{reasonMessage}}", "Patient not at surgery",
            "{{ehrMessageRef}}", "5E1A2B3C-4D5E-4F60-8172-93A4B5C6D7E8",
            "{{fromAsid}}", "200000000205",
            "{{toAsid}}", "200000001161",
            "{{fromOds}}", "P99001",
            "{{toOds}}", "P99002");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (\\w+) \\| `[^`]*` \\| (\\d+) \\| (.*) \\|$");
    private static final Pattern VALUE = Pattern.compile("(\\w+)=(.+?)(?=, \\w+=|\\. |$)");

    record Row(String file, Map<String, String> values) {
    }

    private FixtureTable() {
    }

    static boolean present() {
        return Files.exists(ROOT.resolve("SOURCES.md"));
    }

    /** Skips without the shared fixtures (a plain clone); ./hub test says so in one line. */
    static void assumePresent() {
        org.junit.jupiter.api.Assumptions.assumeTrue(present(), SKIPPED);
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : raw("SOURCES.md").split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                Map<String, String> values = new LinkedHashMap<>();
                Matcher value = VALUE.matcher(row.group(4));
                while (value.find()) {
                    values.put(value.group(1), substitute(value.group(2).strip()));
                }
                rows.add(new Row(row.group(1), values));
            }
        }
        return rows;
    }

    static String text(String file) {
        return substitute(raw(file));
    }

    static String raw(String file) {
        try {
            return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String substitute(String text) {
        String result = text;
        for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
            result = result.replace(p.getKey(), p.getValue());
        }
        return result;
    }
}

package uk.nhs.gp2gp.message;

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
 * The real NHS messages in the shared fixtures folder (never copied into the project), their
 * SOURCES.md table, and the values tests put in for the templates' placeholders.
 */
final class Fixtures {

    static final Path ROOT = Path.of(System.getProperty("gp2gp.fixtures", "../../shared/fixtures/gp2gp"));
    static final String SKIPPED = "SKIPPED LOUDLY: the shared NHS fixtures are not at " + ROOT.toAbsolutePath()
            + " (set -Dgp2gp.fixtures); the real-message tests did not run";

    static final String CONVERSATION_ID = "0C4F3E2A-5B6D-4E7F-8A9B-C0D1E2F3A4B5";
    static final String EHR_MESSAGE_REF = "5E1A2B3C-4D5E-4F60-8172-93A4B5C6D7E8";
    /** A valid test NHS number (999 range would do too; this one the fixtures' SOURCES.md suggests). */
    static final String NHS_NUMBER = "9690937286";

    /** What each placeholder becomes, as SOURCES.md asks tests to do. */
    static final Map<String, String> PLACEHOLDERS = Map.of(
            "{{conversationId}}", CONVERSATION_ID,
            "{{nhsNumber}}", NHS_NUMBER,
            "{{typeCode}}", "AE",
            "{{reasonCode}}", "06",
            "{{reasonMessage}}", "Patient not at surgery",
            "{{ehrMessageRef}}", EHR_MESSAGE_REF,
            "{{fromAsid}}", "200000000205",
            "{{toAsid}}", "200000001161",
            "{{fromOds}}", "P99001",
            "{{toOds}}", "P99002");

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (\\w+) \\| `[^`]*` \\| (\\d+) \\| (.*) \\|$");
    private static final Pattern VALUE = Pattern.compile("(\\w+)=(.+?)(?=, \\w+=|\\. |$)");

    private Fixtures() {
    }

    static boolean present() {
        return Files.isDirectory(ROOT) && Files.exists(ROOT.resolve("SOURCES.md"));
    }

    /** One row of SOURCES.md: a file and the values it gives for it (placeholders already put in). */
    record Row(String file, long bytes, Map<String, String> values) {
    }

    static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        for (String line : read(ROOT.resolve("SOURCES.md")).split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (!row.matches()) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            Matcher value = VALUE.matcher(row.group(4));
            while (value.find()) {
                values.put(value.group(1), substitute(value.group(2).strip()));
            }
            rows.add(new Row(row.group(1), Long.parseLong(row.group(3)), values));
        }
        return rows;
    }

    /** The file with its placeholders filled in. */
    static String text(String file) {
        return substitute(read(ROOT.resolve(file)));
    }

    static String substitute(String text) {
        String result = text;
        for (Map.Entry<String, String> p : PLACEHOLDERS.entrySet()) {
            result = result.replace(p.getKey(), p.getValue());
        }
        return result;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every message file in the folder (not the schemas, not SOURCES.md), relative to it. */
    static List<String> messageFiles() {
        try (var files = Files.walk(ROOT)) {
            return files.filter(Files::isRegularFile).map(ROOT::relativize).map(Path::toString)
                    .filter(f -> !f.startsWith("schema/") && !f.equals("SOURCES.md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

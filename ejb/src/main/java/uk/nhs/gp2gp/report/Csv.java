package uk.nhs.gp2gp.report;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** CSV lines as RFC 4180 has them (comma, CRLF, quotes doubled), safe to open in a spreadsheet. */
final class Csv {

    static final String MEDIA_TYPE = "text/csv";

    private Csv() {
    }

    static String line(Object... values) {
        return Stream.of(values).map(Csv::field).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Instant instant ? instant.toString() : value.toString();
        // A spreadsheet runs a cell that starts like a formula: free text (notes) must not be able to.
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.nhs.gp2gp.report.ReportFilter;
import uk.nhs.gp2gp.report.ReportQueries;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * Prints, as a psql script, exactly the statements the application runs for one monthly report
 * (built by the application's own ReportQueries), with the parameters written in as literals.
 *
 * java -cp ejb/target/classes:persistence/target/classes:JAKARTA_API_JAR bench/ReportSql.java \
 *      MONTH ROLE [ODS|-] [VISIBLE_ODS,...|-] [explain]   (explain: prefixed with EXPLAIN ANALYZE)
 */
public class ReportSql {

    private static final Pattern PARAMETER = Pattern.compile(":([A-Za-z][A-Za-z0-9]*)");

    public static void main(String[] arguments) {
        boolean explain = arguments[arguments.length - 1].equals("explain");
        String[] args = explain ? java.util.Arrays.copyOf(arguments, arguments.length - 1) : arguments;
        YearMonth month = YearMonth.parse(args[0]);
        TransferRole role = TransferRole.valueOf(args[1]);
        String ods = args.length > 2 && !args[2].equals("-") ? args[2] : null;
        Set<String> visible = args.length > 3 && !args[3].equals("-") ? Set.of(args[3].split(",")) : null;
        ReportFilter filter = new ReportFilter(month, role, ods, visible);
        for (ReportQueries.Statement statement : ReportQueries.reportStatements(filter, Instant.now())) {
            System.out.println((explain ? "explain (analyze, buffers) " : "") + inline(statement) + ";");
        }
    }

    /** Named parameters replaced by SQL literals (in a string literal a colon is left alone). */
    static String inline(ReportQueries.Statement statement) {
        StringBuilder sql = new StringBuilder();
        String[] parts = statement.sql().split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sql.append('\'');
            }
            if (i % 2 == 1) {
                sql.append(parts[i]);
                continue;
            }
            Matcher m = PARAMETER.matcher(parts[i]);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Object value = statement.parameters().get(m.group(1));
                if (value == null && !statement.parameters().containsKey(m.group(1))) {
                    throw new IllegalStateException("No value for :" + m.group(1));
                }
                m.appendReplacement(out, Matcher.quoteReplacement(literal(value)));
            }
            m.appendTail(out);
            sql.append(out);
        }
        return sql.toString();
    }

    static String literal(Object value) {
        if (value instanceof Instant instant) {
            return "timestamptz '" + instant + "'";
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(ReportSql::literal).collect(Collectors.joining(", "));
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}

package uk.nhs.gp2gp.api.report;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.report.ReportFilter;
import uk.nhs.gp2gp.report.TransferOutcome;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.security.ApiClient;
import uk.nhs.gp2gp.transfer.TransferRole;

/**
 * Reading the reports' query parameters: a bad value is a 400 naming the field (never a 404, which
 * JAX-RS would answer for an enum it cannot convert), and a key sees only its own practices.
 */
final class ReportParameters {

    static final String CSV = "text/csv";
    static final MediaType CSV_UTF8 = MediaType.valueOf("text/csv; charset=UTF-8");

    private ReportParameters() {
    }

    /** YYYY-MM; none means this month (in England). */
    static YearMonth month(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return YearMonth.now(clock.withZone(ReportFilter.ZONE));
        }
        try {
            if (text.strip().matches("\\d{4}-\\d{2}")) {
                return YearMonth.parse(text.strip());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw new InvalidIdentifierException("month", "month must be a calendar month as YYYY-MM, for instance 2027-01");
    }

    /** An ODS code or null; named after the query parameter when it is wrong. */
    static String ods(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OdsCode.of(text).value();
        } catch (InvalidIdentifierException e) {
            throw new InvalidIdentifierException(field, e.getMessage());
        }
    }

    static TransferRole role(String text, TransferRole otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return TransferRole.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentifierException("role", "role must be REQUESTER or SENDER");
        }
    }

    static TransferOutcome outcome(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TransferOutcome.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentifierException("outcome", "outcome must be one of "
                    + java.util.Arrays.toString(TransferOutcome.values()));
        }
    }

    /**
     * CSV when asked for with {@code format=csv}, or with an Accept header that prefers text/csv;
     * JSON otherwise.
     */
    static boolean wantsCsv(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return switch (format.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidIdentifierException("format", "format must be json or csv");
            };
        }
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !acceptable.isWildcardType()) {
                return false;
            }
            if (acceptable.isCompatible(MediaType.valueOf(CSV)) && !acceptable.isWildcardType()) {
                return true;
            }
            if (acceptable.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    /** The practices this key sees: null for all (admin, or a key for every practice). */
    static Set<String> visibleOds(ApiCaller caller) {
        return caller.hasRole("ADMIN") || caller.odsCodes().contains(ApiClient.ALL_PRACTICES) ? null
                : caller.odsCodes();
    }

    /** A practice asked for by name must be one of the key's. */
    static void requireAccess(ApiCaller caller, String ods) {
        if (ods != null && !caller.mayActFor(ods)) {
            throw forbidden("This API key does not act for practice " + ods);
        }
    }

    /** 403 as a problem that says why (the generic mapper would only say "not allowed"). */
    static ForbiddenException forbidden(String detail) {
        return new ForbiddenException(Problem.of(Response.Status.FORBIDDEN, "forbidden", detail).toResponse());
    }
}

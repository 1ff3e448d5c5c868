package uk.nhs.gp2gp.message;

/**
 * One thing wrong with a message: which field, where, what was expected, and the reason code a
 * negative acknowledgement of it should carry (null when none applies: acknowledgements are never
 * acknowledged, and some faults are not the sender's). Never holds the offending value when it
 * could be patient data.
 *
 * @param field    the record field or envelope part ("nhsNumber", "ebXML.ConversationId", "payload")
 * @param location where in the message: an XPath-like path, or a part with line and column
 */
public record Violation(Severity severity, String field, String location, String detail, String expected,
        NackCode nackCode) {

    /** An error stops the message being processed; a warning is worth knowing. */
    public enum Severity {
        ERROR, WARNING
    }

    public static Violation error(String field, String location, String detail, String expected, NackCode code) {
        return new Violation(Severity.ERROR, field, location, detail, expected, code);
    }

    public static Violation warning(String field, String location, String detail) {
        return new Violation(Severity.WARNING, field, location, detail, null, null);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line for people: "nhsNumber at /.../id/@extension: missing (expected 10 digits)". */
    public String describe() {
        return field + (location == null ? "" : " at " + location) + ": " + detail
                + (expected == null ? "" : " (expected " + expected + ")");
    }
}

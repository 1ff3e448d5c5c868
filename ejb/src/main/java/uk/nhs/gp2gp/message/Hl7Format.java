package uk.nhs.gp2gp.message;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The fixed parts of the messages we write: OIDs, time formats and escaping. */
public final class Hl7Format {

    public static final String OID_INTERACTION = "2.16.840.1.113883.2.1.3.2.4.12";
    public static final String OID_ASID = "1.2.826.0.1285.0.2.0.107";
    public static final String OID_ODS = "1.2.826.0.1285.0.1.10";
    public static final String OID_NHS_NUMBER = "2.16.840.1.113883.2.1.4.1";
    public static final String OID_REASON = "2.16.840.1.113883.2.1.3.2.4.17.101";
    public static final String OID_REASON_QUALIFIER = "2.16.840.1.113883.2.1.3.2.4.17.104";
    public static final String OID_COPC_CODES = "2.16.840.1.113883.2.1.3.2.4.17.202";
    public static final String OID_MESSAGE_TYPE = "2.16.840.1.113883.2.1.3.2.4.18.17";
    public static final String OID_SNOMED = "2.16.840.1.113883.2.1.3.2.4.15";
    public static final String OID_ORGANISATION = "2.16.840.1.113883.2.1.4.3";

    /** HL7 times carry no zone: both NHS adaptors write them in UK local time (GA's DateFormatUtil.toHl7Format). */
    private static final DateTimeFormatter HL7_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneId.of("Europe/London"));
    private static final DateTimeFormatter EBXML_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Hl7Format() {
    }

    public static String hl7Time(Instant instant) {
        return HL7_TIME.format(instant);
    }

    public static String ebxmlTime(Instant instant) {
        return EBXML_TIME.format(instant);
    }

    /** Escapes text for an XML attribute or element; null is written as nothing. */
    public static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}

package uk.nhs.gp2gp.identifier;

import java.util.Locale;

/** An organisation (practice) code from the Organisation Data Service: 3 to 8 letters and digits. */
public record OdsCode(String value) {

    public OdsCode {
        if (value == null || value.isBlank()) {
            throw new InvalidIdentifierException("odsCode", "ODS code is missing");
        }
        if (!value.matches("[A-Z0-9]{3,8}")) {
            throw new InvalidIdentifierException("odsCode",
                    "ODS code must be 3 to 8 upper-case letters or digits");
        }
    }

    /** Real systems send lower case now and then: accept it, store upper case. */
    public static OdsCode of(String text) {
        return new OdsCode(text == null ? null : text.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}

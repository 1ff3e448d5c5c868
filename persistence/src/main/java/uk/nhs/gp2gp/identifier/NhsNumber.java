package uk.nhs.gp2gp.identifier;

/**
 * A patient's NHS number: ten digits whose last is a modulus 11 check digit. Cannot be
 * constructed invalid. {@link #toString()} masks all but the last four digits so that an NHS
 * number put into a log line by mistake does not identify the patient; use {@link #value()}.
 */
public record NhsNumber(String value) {

    public NhsNumber {
        if (value == null || value.isBlank()) {
            throw new InvalidIdentifierException("nhsNumber", "NHS number is missing");
        }
        if (!value.matches("\\d{10}")) {
            throw new InvalidIdentifierException("nhsNumber", "NHS number must be exactly 10 digits");
        }
        if (!hasValidCheckDigit(value)) {
            throw new InvalidIdentifierException("nhsNumber", "NHS number fails the modulus 11 check");
        }
    }

    /** Accepts the display form too ("943 476 5919"). */
    public static NhsNumber of(String text) {
        return new NhsNumber(text == null ? null : text.replace(" ", "").strip());
    }

    public static boolean isValid(String text) {
        return text != null && text.matches("\\d{10}") && hasValidCheckDigit(text);
    }

    private static boolean hasValidCheckDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }

    @Override
    public String toString() {
        return "******" + value.substring(6);
    }
}

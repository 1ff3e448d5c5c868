package uk.nhs.gp2gp.console;

/** The console's roles, as web.xml and the pages name them. */
public final class ConsoleRoles {

    /** Everything, including users, API clients and practices. */
    public static final String ADMIN = "ADMIN";
    /** Reads everything about transfers; retries and cancels them. */
    public static final String OPERATOR = "OPERATOR";
    /** Reads transfers, reports and the audit log; changes nothing. */
    public static final String AUDITOR = "AUDITOR";

    private ConsoleRoles() {
    }
}

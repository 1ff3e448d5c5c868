package uk.nhs.gp2gp.audit;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** On H2, refuses any change to an audit event (PostgreSQL does the same with a PL/pgSQL trigger). */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("The audit trail is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused");
    }
}

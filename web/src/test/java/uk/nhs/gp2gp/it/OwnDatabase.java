package uk.nhs.gp2gp.it;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/**
 * A fresh PostgreSQL database for one class with servers of its own ({@link OwnServers}), on the server
 * of the ITs' shared database and named after it ({@code <shared>_<name>}, which CI drops with it).
 * Such a class runs while the shared servers work, and one of them moves its clock: in the shared
 * database they would take part in the class's work (claim its messages, time its transfers out).
 *
 * @param url      the JDBC URL of the new database
 * @param user     as for the shared database
 * @param password as for the shared database
 */
record OwnDatabase(String url, String user, String password) {

    /** A new empty database when the ITs run on PostgreSQL; empty on H2. */
    static Optional<OwnDatabase> postgresql(String name) {
        Map<String, String> env = System.getenv();
        String shared = env.getOrDefault("GP2GP_DB_URL", "");
        if (!shared.startsWith("jdbc:postgresql://")) {
            return Optional.empty();
        }
        String user = env.getOrDefault("GP2GP_DB_USER", "");
        String password = env.getOrDefault("GP2GP_DB_PASSWORD", "");
        URI uri = URI.create(shared.substring("jdbc:".length()));
        String database = uri.getRawPath().substring(1) + "_" + name.replaceAll("[^a-z0-9]", "_");
        try (Connection connection = DriverManager.getConnection(shared, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database, e);
        }
        String url = "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return Optional.of(new OwnDatabase(url, user, password));
    }
}

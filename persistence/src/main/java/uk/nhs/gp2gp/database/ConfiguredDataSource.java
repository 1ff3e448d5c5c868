package uk.nhs.gp2gp.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application server pools connections from this data source. It opens them with whichever
 * bundled JDBC driver accepts the configured URL, so that one build runs on the embedded H2
 * database or on PostgreSQL just by setting {@code gp2gp.db.url} (env {@code GP2GP_DB_URL}),
 * {@code gp2gp.db.user} and {@code gp2gp.db.password}. A vendor data source class would have to
 * be named up front, which is exactly what the operator should not need to know. An H2 URL gets
 * the settings the application's SQL needs when it lacks them ({@link H2Url}).
 */
public class ConfiguredDataSource implements DataSource {

    private String url;
    private String user;
    private String password;
    private volatile Driver driver;
    private PrintWriter logWriter;
    private int loginTimeout;

    /** Settings given explicitly (by a pool definition or a test) win over MicroProfile Config. */
    public void setUrl(String url) {
        this.url = url;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getUrl() {
        return isSet(url) ? url : config().getValue("gp2gp.db.url", String.class);
    }

    private String user() {
        return isSet(user) ? user : config().getOptionalValue("gp2gp.db.user", String.class).orElse("");
    }

    private String password() {
        // An explicitly set user brings its own password, which may be empty (H2's "sa").
        return isSet(user) ? password
                : config().getOptionalValue("gp2gp.db.password", String.class).orElse("");
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty();
    }

    /** How long an H2 connection waits for a row another transaction holds (PostgreSQL waits as long as it takes). */
    static final String H2_LOCK_TIMEOUT_MILLIS = "30000";

    private static Config config() {
        return ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(user(), password());
    }

    /** A pool that knows no user of its own passes none: then the configured one is used. */
    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        if (!isSet(username)) {
            return getConnection();
        }
        return connect(username, pass);
    }

    private Connection connect(String username, String pass) throws SQLException {
        String jdbcUrl = H2Url.completed(getUrl());
        Properties properties = new Properties();
        if (isSet(username)) {
            properties.setProperty("user", username);
        }
        if (isSet(pass)) {
            properties.setProperty("password", pass);
        }
        if (jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("LOCK_TIMEOUT")) {
            // H2 gives up on a locked row after 1 s, too soon when a conversation's messages arrive
            // together, and its timeout message quotes the locked row: patient data in a log.
            properties.setProperty("LOCK_TIMEOUT", H2_LOCK_TIMEOUT_MILLIS);
        }
        if (jdbcUrl.startsWith("jdbc:h2:file:") && !jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
            // H2 writes commits to its file up to 500 ms later: a crash (kill -9) in that time loses
            // work we already acknowledged. Written at once, a commit survives the process.
            properties.setProperty("WRITE_DELAY", "0");
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.contains("logServerErrorDetail")) {
            // PostgreSQL's driver otherwise puts the values of a failed statement in its exception (a
            // refused batch insert quotes every parameter): patient data in a log.
            properties.setProperty("logServerErrorDetail", "false");
        }
        Connection connection = driverFor(jdbcUrl).connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("The JDBC driver refused the configured gp2gp.db.url");
        }
        return connection;
    }

    private Driver driverFor(String jdbcUrl) throws SQLException {
        Driver cached = driver;
        if (cached != null && cached.acceptsURL(jdbcUrl)) {
            return cached;
        }
        // The drivers are bundled with the application, so look in our own class loader:
        // java.sql.DriverManager only sees the server's.
        for (Driver candidate : ServiceLoader.load(Driver.class, ConfiguredDataSource.class.getClassLoader())) {
            if (candidate.acceptsURL(jdbcUrl)) {
                driver = candidate;
                return candidate;
            }
        }
        throw new SQLException("No bundled JDBC driver accepts the configured gp2gp.db.url "
                + "(H2 'jdbc:h2:' and PostgreSQL 'jdbc:postgresql:' are supported)");
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}

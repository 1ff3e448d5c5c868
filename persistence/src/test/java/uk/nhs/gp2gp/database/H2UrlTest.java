package uk.nhs.gp2gp.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any H2 URL an operator gives works: the settings the SQL needs are added when missing, nothing else changes. */
class H2UrlTest {

    private static final String NEEDED = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    @Test
    void aPlainFileUrlGetsEverySettingTheSqlNeeds() {
        assertEquals("jdbc:h2:file:/var/gp2gp/x" + NEEDED, H2Url.completed("jdbc:h2:file:/var/gp2gp/x"));
        assertEquals("jdbc:h2:./data/x" + NEEDED, H2Url.completed("jdbc:h2:./data/x"));
        assertEquals("jdbc:h2:tcp://db:9092/x" + NEEDED, H2Url.completed("jdbc:h2:tcp://db:9092/x"));
        assertEquals("jdbc:h2:file:/x" + NEEDED, H2Url.completed("jdbc:h2:file:/x;"), "a trailing ; is no empty setting");
    }

    @Test
    void whatTheOperatorWroteIsKeptAndOnlyWhatIsMissingIsAdded() {
        assertEquals("jdbc:h2:file:/x;mode=PostgreSQL;AUTO_SERVER=TRUE;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                H2Url.completed("jdbc:h2:file:/x;mode=PostgreSQL;AUTO_SERVER=TRUE"), "keys in any case count");
        assertEquals("jdbc:h2:file:/x;MODE=Regular;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                H2Url.completed("jdbc:h2:file:/x;MODE=Regular"), "an operator's own value wins");
        String full = "jdbc:h2:file:./data/gp2gp" + NEEDED;
        assertEquals(full, H2Url.completed(full), "the default URL is complete already");
    }

    @Test
    void anInMemoryDatabaseIsKeptOpenUnlessTheUrlSaysOtherwise() {
        assertEquals("jdbc:h2:mem:x" + NEEDED + ";DB_CLOSE_DELAY=-1", H2Url.completed("jdbc:h2:mem:x"));
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=5" + NEEDED, H2Url.completed("jdbc:h2:mem:x;DB_CLOSE_DELAY=5"));
    }

    @Test
    void otherDatabasesUrlsAreLeftAlone() {
        String postgres = "jdbc:postgresql://127.0.0.1:5432/gp2gp?sslmode=require";
        assertEquals(postgres, H2Url.completed(postgres));
    }

    /** What failed with a 500 before: the registration inbox's insert ... on conflict, on a plain file URL. */
    @Test
    void aPlainFileUrlMigratesAndRunsOnConflict(@TempDir Path dir) throws Exception {
        ConfiguredDataSource dataSource = new ConfiguredDataSource();
        dataSource.setUrl("jdbc:h2:file:" + dir.resolve("x"));
        dataSource.setUser("sa");
        dataSource.setPassword("");

        SchemaMigrations.migrate(dataSource);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 2; i++) {
                statement.executeUpdate("insert into registration_patient (nhs_number) values ('9990000018')"
                        + " on conflict do nothing");
            }
            try (ResultSet rows = statement.executeQuery("select count(*) from REGISTRATION_PATIENT")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1));
            }
        }
        assertTrue(Files.exists(dir.resolve("x.mv.db")), "the database is the file the URL named");
    }
}

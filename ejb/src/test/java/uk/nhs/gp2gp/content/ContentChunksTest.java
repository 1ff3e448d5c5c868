package uk.nhs.gp2gp.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.database.ConfiguredDataSource;
import uk.nhs.gp2gp.database.TestDatabase;

/**
 * Content goes in and out in chunks without a connection held while a slow client sends or reads:
 * each chunk takes a connection for one statement and gives it back. On a fresh in-memory H2 in
 * PostgreSQL mode, or the PostgreSQL named by {@code gp2gp.test.db.url} (emptied first).
 */
@Tag("database")
class ContentChunksTest {

    private static final int CHUNK = 64 * 1024;

    private CountingDataSource pool;

    @BeforeEach
    void migrated() {
        ConfiguredDataSource dataSource = TestDatabase.migrated("chunks");
        pool = new CountingDataSource(dataSource);
    }

    @Test
    void aSlowUploadHoldsNoConnectionWhileTheClientSends() throws Exception {
        long id = stagedRow();
        byte[] bytes = random(5 * CHUNK + 123);
        InputStream sent = new ByteArrayInputStream(bytes);
        InputStream slowClient = new InputStream() {
            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                assertEquals(0, pool.open.get(), "a connection is held while the client sends");
                return sent.read(target, offset, Math.min(length, 1000));
            }
        };

        ChunkWriter.Written written = ChunkWriter.write(pool, id, slowClient, CHUNK);

        assertEquals(bytes.length, written.length());
        assertEquals(6, pool.taken.get(), "one connection per chunk");
        assertArrayEquals(bytes, new ChunkInputStream(pool, id).readAllBytes());
    }

    @Test
    void aSlowReaderHoldsNoConnectionBetweenItsReads() throws Exception {
        long id = stagedRow();
        byte[] bytes = random(3 * CHUNK + 7);
        ChunkWriter.write(pool, id, new ByteArrayInputStream(bytes), CHUNK);

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream download = new ChunkInputStream(pool, id)) {
            byte[] buffer = new byte[4096];
            int read;
            while ((read = download.read(buffer)) != -1) {
                received.write(buffer, 0, read);
                assertEquals(0, pool.open.get(), "a connection is held between a slow client's reads");
            }
        }
        assertArrayEquals(bytes, received.toByteArray());
    }

    @Test
    void contentDeletedWhileItIsReadFailsTheReadRatherThanEndItShort() throws Exception {
        long id = stagedRow();
        ChunkWriter.write(pool, id, new ByteArrayInputStream(random(3 * CHUNK)), CHUNK);
        InputStream download = new ChunkInputStream(pool, id);
        download.readNBytes(CHUNK + 1);

        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("delete from stored_content where id = " + id);
        }

        IOException e = assertThrows(IOException.class, download::readAllBytes);
        assertTrue(e.getMessage().contains("deleted"), e.getMessage());
    }

    private long stagedRow() throws SQLException {
        long id = Math.abs(new Random().nextInt(1_000_000)) + 1;
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("insert into stored_content (id, kind, content_id, media_type, compressed, base64,"
                    + " length, complete, created_at) values (" + id + ", 'STAGED', 'scan', 'image/png', false, false,"
                    + " 0, false, current_timestamp)");
        }
        pool.taken.set(0);
        return id;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    /** Counts connections taken and not yet given back. */
    private static final class CountingDataSource implements DataSource {
        private final DataSource target;
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger taken = new AtomicInteger();

        CountingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = target.getConnection();
            open.incrementAndGet();
            taken.incrementAndGet();
            AtomicInteger closed = new AtomicInteger();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && closed.getAndIncrement() == 0) {
                            open.decrementAndGet();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLException("not used");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}

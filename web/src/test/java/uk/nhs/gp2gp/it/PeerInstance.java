package uk.nhs.gp2gp.it;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A second GP2GP Hub: the same WAR on its own Payara Micro process and its own in-memory database,
 * for conversations between two instances over HTTP. Started and stopped by the test.
 */
final class PeerInstance implements AutoCloseable {

    private final Process process;
    private final int port;
    private final File log;

    private PeerInstance(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static PeerInstance start(String name) throws IOException, InterruptedException {
        return start(name, inMemory(name), "sa", "");
    }

    /** An instance on an in-memory database of its own, with these settings; a start that fails fails the test. */
    static PeerInstance startInMemory(String name, java.util.Map<String, String> settings) {
        try {
            return start(name, inMemory(name), "sa", "", settings);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String inMemory(String name) {
        return "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    /** An instance on the given database (a file or a server survives the process: restarts and crashes). */
    static PeerInstance start(String name, String dbUrl, String dbUser, String dbPassword)
            throws IOException, InterruptedException {
        return start(name, dbUrl, dbUser, dbPassword, java.util.Map.of());
    }

    /** The same, with more settings (environment variables) for the instance. */
    static PeerInstance start(String name, String dbUrl, String dbUser, String dbPassword,
            java.util.Map<String, String> settings) throws IOException, InterruptedException {
        return start(name, dbUrl, dbUser, dbPassword, settings, List.of("--nocluster", "--nohazelcast"));
    }

    /** The same, with Payara Micro's own options (clustering) instead of running alone. */
    static PeerInstance start(String name, String dbUrl, String dbUser, String dbPassword,
            java.util.Map<String, String> settings, List<String> microOptions) throws IOException, InterruptedException {
        return start(name, new File(System.getProperty("gp2gp.war")), dbUrl, dbUser, dbPassword, settings, List.of(),
                microOptions);
    }

    /** The same with another WAR (one with the test-only support resource) and JVM options (a keystore). */
    static PeerInstance start(String name, File war, String dbUrl, String dbUser, String dbPassword,
            java.util.Map<String, String> settings, List<String> jvmOptions, List<String> microOptions)
            throws IOException, InterruptedException {
        return start(name, war, dbUrl, dbUser, dbPassword, settings, jvmOptions, microOptions, true);
    }

    private static PeerInstance start(String name, File war, String dbUrl, String dbUser, String dbPassword,
            java.util.Map<String, String> settings, List<String> jvmOptions, List<String> microOptions,
            boolean awaitReady)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Beside the other servers' logs, so that the build checks them for NHS numbers too.
        File log = new File("target/failsafe-reports/" + name + "-server-output.txt");
        log.getParentFile().mkdirs();
        // As arquillian.xml's servers: the client compiler only and one GC thread start a test server about
        // a fifth sooner and leave the other core to the tests (measured: 23.4 s to ready, 19.3 s so).
        List<String> command = new java.util.ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("payara.micro.jar"), "--deploy", war.getAbsolutePath(),
                "--contextroot", "/", "--port", String.valueOf(port)));
        command.addAll(microOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("GP2GP_DB_URL", dbUrl);
        builder.environment().put("GP2GP_DB_USER", dbUser);
        builder.environment().put("GP2GP_DB_PASSWORD", dbPassword);
        // Each instance's /mhs/inbound is what its test gives it, not the Arquillian server's (web/pom.xml).
        builder.environment().keySet().removeIf(key -> key.startsWith("GP2GP_INBOUND_"));
        builder.environment().putAll(settings);
        PeerInstance peer = new PeerInstance(builder.start(), port, log);
        if (awaitReady) {
            peer.awaitReady(Duration.ofMinutes(3), log);
        }
        return peer;
    }

    /** Started without waiting: for a start that is meant to fail. */
    static PeerInstance launch(String name, java.util.Map<String, String> settings) throws IOException {
        try {
            return start(name, new File(System.getProperty("gp2gp.war")), inMemory(name), "sa", "", settings, List.of(),
                    List.of("--nocluster", "--nohazelcast"), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Whether the application answers ready now. */
    boolean ready() {
        try {
            HttpURLConnection ready = (HttpURLConnection) URI.create(url() + "/health/ready").toURL().openConnection();
            ready.setConnectTimeout(1000);
            return ready.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What the instance has written to its log so far. */
    String log() throws IOException {
        return java.nio.file.Files.readString(log.toPath(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private void awaitReady(Duration patience, File log) {
        try {
            Awaitility.await("the peer instance ready").atMost(patience).pollInterval(Duration.ofMillis(500))
                    .failFast(() -> !process.isAlive())
                    .until(this::answersReady);
        } catch (TerminalFailureException stopped) {
            throw new IllegalStateException("The peer instance stopped; see " + log);
        } catch (ConditionTimeoutException notReady) {
            close();
            throw new IllegalStateException("The peer instance was not ready in " + patience + "; see " + log);
        }
    }

    private boolean answersReady() {
        try {
            HttpURLConnection ready = (HttpURLConnection) URI.create(url() + "/health/ready").toURL().openConnection();
            ready.setConnectTimeout(1000);
            return ready.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    String url() {
        return "http://localhost:" + port;
    }

    RequestSpecification asAdmin() {
        return RestAssured.given().baseUri(url()).header("Authorization", "Bearer " + DeployedWar.BOOTSTRAP_KEY);
    }

    /** kill -9: no shutdown hook, no commit, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package uk.nhs.gp2gp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console over HTTPS, as the README says to run it: Payara Micro with --sslport and a keystore
 * made by keytool (here, by the test). Over HTTPS the session cookie is Secure, answers carry HSTS,
 * and signing in gives a new session id; then failed sign-ins are throttled per address (3 a minute
 * here), even for the right password, each burst audited once. Plain HTTP requests, no browser:
 * the form is posted as a browser would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@OwnServers
class ConsoleHttpsIT {

    private static final String ADMIN_PASSWORD = "https-admin-password";
    private static final String API_KEY = "it-bootstrap-key-for-the-https-test-1";
    private static final Pattern VIEW_STATE = Pattern.compile("jakarta\\.faces\\.ViewState[^>]*value=\"([^\"]*)\"");

    private static PeerInstance node;
    private static int httpsPort;

    @BeforeAll
    static void startOverHttps() throws Exception {
        File dir = new File("target/https-it");
        dir.mkdirs();
        File keystore = new File(dir, "keystore.p12");
        keystore.delete();
        String keytool = new File(System.getProperty("java.home"), "bin/keytool").getPath();
        Process made = new ProcessBuilder(keytool, "-genkeypair", "-alias", "gp2gp", "-keyalg", "RSA", "-keysize",
                "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.getPath(), "-storepass", "changeit", "-keypass",
                "changeit").inheritIO().start();
        assertEquals(0, made.waitFor(), "keytool made the keystore");
        try (ServerSocket socket = new ServerSocket(0)) {
            httpsPort = socket.getLocalPort();
        }
        node = PeerInstance.start("https", ApiKeySafetyIT.supportWar(), "jdbc:h2:mem:https;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "",
                Map.of("GP2GP_ADMIN_INITIAL_PASSWORD", ADMIN_PASSWORD, "GP2GP_BOOTSTRAP_API_KEY", API_KEY,
                        "GP2GP_CONSOLE_FAILED_SIGN_INS_PER_MINUTE", "3"),
                List.of("-Djavax.net.ssl.keyStore=" + keystore.getAbsolutePath(),
                        "-Djavax.net.ssl.keyStorePassword=changeit"),
                List.of("--sslport", String.valueOf(httpsPort), "--sslcert", "gp2gp", "--nocluster", "--nohazelcast"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    @Order(0)
    void theServerPresentsTheCertificateFromTheTestsKeystore() throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = new java.io.FileInputStream("target/https-it/keystore.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                .createSocket("localhost", httpsPort)) {
            socket.startHandshake();
            assertEquals(store.getCertificate("gp2gp"), socket.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    @Order(1)
    void overHttpsTheSessionCookieIsSecureAnswersCarryHstsAndSigningInGivesANewSessionId() {
        Response page = https().get("/console/login.xhtml");
        assertEquals(200, page.statusCode());
        assertTrue(page.header("Strict-Transport-Security").startsWith("max-age="), "HSTS over HTTPS");
        String cookie = page.header("Set-Cookie");
        assertNotNull(cookie, "the sign-in page starts a session (the form's state)");
        assertTrue(cookie.contains("Secure"), cookie);
        String before = page.cookie("JSESSIONID");

        Response signedIn = signIn(https(), before, viewState(page), "admin", ADMIN_PASSWORD);
        assertEquals(302, signedIn.statusCode(), signedIn.asString());
        assertTrue(signedIn.header("Location").endsWith("/console/dashboard.xhtml"), signedIn.header("Location"));
        String after = signedIn.cookie("JSESSIONID");
        assertNotNull(after, "a new session cookie at sign-in");
        assertNotEquals(before, after, "a new session id at sign-in");
        String afterCookie = signedIn.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=" + after)).findFirst().orElseThrow();
        assertTrue(afterCookie.contains("Secure") && afterCookie.contains("HttpOnly"), afterCookie);

        Response dashboard = https().cookie("JSESSIONID", after).get("/console/dashboard.xhtml");
        assertEquals(200, dashboard.statusCode());
        assertTrue(dashboard.asString().contains("session:signOut"), "signed in");
        assertNotNull(dashboard.header("Strict-Transport-Security"));
        Response old = https().cookie("JSESSIONID", before).get("/console/dashboard.xhtml");
        assertFalse(old.asString().contains("session:signOut"), "the id from before the sign-in is worth nothing");

        assertNotNull(https().header("Authorization", "Bearer " + API_KEY).get("/api/v1/practices")
                .header("Strict-Transport-Security"), "the API's answers too");
        assertNull(http().get("/console/login.xhtml").header("Strict-Transport-Security"), "no HSTS over HTTP");
    }

    @Test
    @Order(2)
    void failedSignInsAreThrottledPerAddressEvenForTheRightPassword() {
        for (int i = 1; i <= 3; i++) {
            assertTrue(attempt("nobody", "wrong-password-" + i).contains("Wrong user name or password"), "attempt " + i);
        }
        for (int i = 4; i <= 5; i++) {
            assertTrue(attempt("nobody", "wrong-password-" + i).contains("Too many failed sign-ins from your address"),
                    "attempt " + i);
        }
        String right = attempt("admin", ADMIN_PASSWORD);
        assertTrue(right.contains("Too many failed sign-ins from your address"), "the right password waits too");

        // Audit: each checked attempt has its line (3), the throttled ones one line a minute for the address.
        assertEquals(4, auditCount("CONSOLE_SIGN_IN", "nobody"));
        assertEquals(1, auditCount("CONSOLE_SIGN_IN", "admin"), "only the sign-in of the first test");
    }

    /** One sign-in attempt as a browser makes it: the page, then the form posted; the page answered. */
    private static String attempt(String user, String password) {
        Response page = https().get("/console/login.xhtml");
        Response answer = signIn(https(), page.cookie("JSESSIONID"), viewState(page), user, password);
        assertEquals(200, answer.statusCode(), "a refusal is the sign-in page again");
        return answer.asString();
    }

    private static Response signIn(RequestSpecification request, String session, String viewState, String user,
            String password) {
        return request.cookie("JSESSIONID", session).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("login", "login").formParam("login:username", user).formParam("login:password", password)
                .formParam("login:signIn", "").formParam("jakarta.faces.ViewState", viewState)
                .post("/console/login.xhtml");
    }

    private static String viewState(Response page) {
        Matcher m = VIEW_STATE.matcher(page.asString());
        assertTrue(m.find(), "the form's state is in the page");
        return m.group(1).replace("&#x3a;", ":").replace("&#58;", ":").replace("&amp;", "&");
    }

    private static long auditCount(String action, String actor) {
        return http().header("Authorization", "Bearer " + API_KEY).queryParam("action", action)
                .queryParam("actor", actor).get("/api/v1/it-support/audit-count").then().statusCode(200)
                .extract().<Number>path("count").longValue();
    }

    private static RequestSpecification https() {
        return RestAssured.given().relaxedHTTPSValidation().baseUri("https://localhost:" + httpsPort);
    }

    private static RequestSpecification http() {
        return RestAssured.given().baseUri(node.url());
    }
}

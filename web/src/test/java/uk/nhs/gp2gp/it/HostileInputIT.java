package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.it.DeployedWar.anonymous;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.DeployedWar.asMhs;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.transfer.AckType;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * Input that tries hard: thousands of seeded mutations of well-formed GP2GP messages posted to
 * {@code /mhs/inbound}, junk bodies of every size, wrong content types, huge headers, and random
 * request bodies for the partner API. Every answer must be a 2xx or a 4xx (never a 5xx, never a
 * dropped connection), and the server must still be ready afterwards. Each test prints the answers
 * it got, by status, so the note can count them.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {

    private static final String HOSTED = "Q99711";
    /** On another system: its messages come through the MHS adaptor, whose secret the tests send. */
    private static final String PARTNER = "Q99712";
    /** Fixed, so that a failure can be replayed exactly. */
    private static final long SEED = 20261202L;
    private static final int MUTATIONS = 2500;

    @Deployment(testable = false)
    @TargetsContainer(DeployedWar.CLOCK_CONTAINER)
    static WebArchive deployment() {
        return DeployedWar.withTestClock();
    }

    @ArquillianResource
    private URL app;

    @BeforeEach
    void practices() {
        for (String ods : List.of(HOSTED, PARTNER)) {
            asAdmin(app).contentType("application/json")
                    .body("{\"name\": \"Hostile input " + ods + "\", \"asid\": \"9000000" + ods.substring(1)
                            + "\", \"partyKey\": \"" + ods + "-1\", \"hosted\": " + ods.equals(HOSTED) + "}")
                    .put("api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
        }
    }

    @Test
    void mutatedMessagesAreAnsweredWithoutAServerError() {
        ConversationCodec codec = new ConversationCodec(Clock.systemUTC());
        Party hosted = new Party(HOSTED, "9000000" + HOSTED.substring(1), HOSTED + "-1");
        Party partner = new Party(PARTNER, "9000000" + PARTNER.substring(1), PARTNER + "-1");
        Random random = new Random(SEED);
        Map<Integer, Integer> answers = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            String conversation = UUID.randomUUID().toString().toUpperCase();
            OutboundMessage original = switch (i % 3) {
                case 0 -> codec.ehrRequest(conversation, "REQ-" + conversation, "9990000018", partner, hosted);
                case 1 -> codec.acknowledgement(conversation, partner, hosted, "MSG-" + conversation, AckType.AA, null);
                default -> codec.continueRequest(conversation, partner, hosted, "EXT-" + conversation);
            };
            JsonPath envelope = new JsonPath(new String(original.envelope(), UTF_8));
            String ebxml = envelope.getString("ebXML");
            String payload = envelope.getString("payload");
            // Mostly the HL7 payload, sometimes the ebXML header, sometimes the JSON envelope itself.
            String body = switch (random.nextInt(5)) {
                case 0 -> mutate(new String(original.envelope(), UTF_8), random);
                case 1 -> json(mutate(ebxml, random), payload);
                default -> json(ebxml, mutate(payload, random));
            };
            int status = asMhs(app).contentType("application/json").body(body.getBytes(UTF_8))
                    .post("mhs/inbound").statusCode();
            answers.merge(status, 1, Integer::sum);
            if (status >= 500) {
                serverErrors.add("mutation " + i + ": " + status);
            }
        }
        System.out.println("Mutated messages (" + MUTATIONS + ", seed " + SEED + "), answers by status: " + answers);
        assertTrue(serverErrors.isEmpty(), "server errors: " + serverErrors);
        assertReady();
        noTransferLeftStuck();
    }

    /**
     * The requests that were taken made transfers at the hosted practice: each gets to an end (here:
     * refused, no record, or the partner too late to supply one), none is left waiting forever.
     */
    private void noTransferLeftStuck() {
        // Those waiting for the partner to supply the extract: the clock moves past the timeout instead of waiting it out.
        DeployedWar.shiftClock(app, DeployedWar.SUPPLY_TIMEOUT);
        List<String> statuses = Eventually.until("every transfer at an end", Duration.ofSeconds(90),
                () -> asAdmin(app).get("api/v1/transfers?ods=" + HOSTED + "&size=500").then().statusCode(200)
                        .extract().jsonPath().<String>getList("status"),
                all -> all.stream().allMatch(s -> TransferStatus.valueOf(s).isTerminal()));
        Map<String, Long> byStatus = new TreeMap<>(statuses.stream().collect(
                java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting())));
        System.out.println("Transfers the mutated messages made, by status: " + byStatus);
    }

    /**
     * The classic attacks, each named, in a request that is otherwise real: each refused at the door
     * (400, saying why) or, where the request can be answered, answered with its negative
     * acknowledgement; nothing read from outside, nothing expanded.
     */
    @Test
    void classicAttacksAreRefusedOrAnsweredWithTheirCode() {
        ConversationCodec codec = new ConversationCodec(Clock.systemUTC());
        Party hosted = new Party(HOSTED, "9000000" + HOSTED.substring(1), HOSTED + "-1");
        Party partner = new Party(PARTNER, "9000000" + PARTNER.substring(1), PARTNER + "-1");
        Map<String, java.util.function.UnaryOperator<String>> attacks = new java.util.LinkedHashMap<>();
        attacks.put("XXE (an external entity naming /etc/passwd)", p -> "<!DOCTYPE r [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]>" + p.replaceFirst("</RCMR_IN010000UK05>", "&x;</RCMR_IN010000UK05>"));
        attacks.put("billion laughs", p -> "<!DOCTYPE r [<!ENTITY a \"lol\">" + laughs() + "]>"
                + p.replaceFirst("</RCMR_IN010000UK05>", "&l9;</RCMR_IN010000UK05>"));
        attacks.put("10 000-deep nesting", p -> p.replaceFirst("</RCMR_IN010000UK05>",
                "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</RCMR_IN010000UK05>"));
        attacks.put("unknown interaction id", p -> p.replace("RCMR_IN010000UK05", "RCMR_IN999999UK99"));
        Map<String, Integer> answers = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, java.util.function.UnaryOperator<String>> attack : attacks.entrySet()) {
            String conversation = UUID.randomUUID().toString().toUpperCase();
            JsonPath request = new JsonPath(new String(codec.ehrRequest(conversation, "REQ-" + conversation,
                    "9990000018", partner, hosted).envelope(), UTF_8));
            String payload = attack.getValue().apply(request.getString("payload"));
            Response response = asMhs(app).contentType("application/json")
                    .body(json(request.getString("ebXML"), payload).getBytes(UTF_8)).post("mhs/inbound");
            answers.put(attack.getKey(), response.statusCode());
            assertEquals(400, response.statusCode(), attack.getKey() + ": " + response.asString());
            assertEquals("application/problem+json", response.contentType().split(";")[0]);
            asAdmin(app).get("api/v1/transfers/" + conversation).then().statusCode(404);
        }
        // Mismatched ids: the ebXML says one interaction, the payload is another.
        String conversation = UUID.randomUUID().toString().toUpperCase();
        JsonPath request = new JsonPath(new String(codec.ehrRequest(conversation, "REQ-" + conversation,
                "9990000018", partner, hosted).envelope(), UTF_8));
        int mismatched = asMhs(app).contentType("application/json").body(json(request.getString("ebXML")
                .replace("RCMR_IN010000UK05", "MCCI_IN010000UK13"), request.getString("payload")).getBytes(UTF_8))
                .post("mhs/inbound").statusCode();
        answers.put("ebXML action and payload disagree", mismatched);
        assertEquals(400, mismatched);
        // An invalid NHS number in an otherwise good request: taken, and refused with code 18.
        String invalid = UUID.randomUUID().toString().toUpperCase();
        asMhs(app).contentType("application/json").body(codec.ehrRequest(invalid, "REQ-" + invalid, "9990000019",
                partner, hosted).envelope()).post("mhs/inbound").then().statusCode(202);
        asAdmin(app).get("api/v1/transfers/" + invalid + "?role=SENDER").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("REFUSED"))
                .body("failure.code", org.hamcrest.Matchers.equalTo("18"));
        answers.put("invalid NHS number (answered with code 18)", 202);
        System.out.println("Classic attacks at /mhs/inbound, answers: " + answers);
        assertReady();
    }

    /** Nine levels of ten: a billion "lol"s if anything expanded them. */
    private static String laughs() {
        StringBuilder entities = new StringBuilder();
        for (int level = 1; level <= 9; level++) {
            entities.append("<!ENTITY l").append(level).append(" \"")
                    .append(("&" + (level == 1 ? "a" : "l" + (level - 1)) + ";").repeat(10)).append("\">");
        }
        return entities.toString();
    }

    @Test
    void junkOfEverySizeAndWrongContentTypesGetA4xx() {
        Random random = new Random(SEED);
        Map<String, Integer> answers = new TreeMap<>();
        for (int size : new int[] {0, 1, 100, 65_536, 1_000_000}) {
            byte[] junk = new byte[size];
            random.nextBytes(junk);
            for (String type : List.of("application/json", "application/xml", "multipart/related; boundary=x",
                    "text/plain", "application/octet-stream")) {
                int status = asMhs(app).contentType(type).body(junk).post("mhs/inbound").statusCode();
                answers.put(size + " bytes as " + type, status);
                assertTrue(status >= 400 && status < 500, size + " bytes of junk as " + type + ": " + status);
            }
        }
        // 50 MB: refused as too large, without reading it all into memory.
        byte[] huge = new byte[50 * 1024 * 1024];
        random.nextBytes(huge);
        assertEquals(413, asMhs(app).contentType("application/json").body(huge).post("mhs/inbound").statusCode());
        int inspect = asAdmin(app).contentType("application/xml").body(huge).post("api/v1/tools/inspect").statusCode();
        assertTrue(inspect == 413 || inspect == 400, "50 MB to the inspector: " + inspect);
        asAdmin(app).contentType("text/plain").body("hello").post("api/v1/transfers").then().statusCode(415);
        // Without the secret, junk never reaches the parser: 401, whatever it is.
        for (String type : List.of("application/json", "multipart/related; boundary=x", "text/plain")) {
            byte[] junk = new byte[1000];
            random.nextBytes(junk);
            anonymous(app).contentType(type).body(junk).post("mhs/inbound").then().statusCode(401)
                    .contentType("application/problem+json");
        }
        System.out.println("Junk bodies, answers: " + answers);
        assertReady();
    }

    @Test
    void aHugeHeaderIsRefusedAndTheServerStaysUp() {
        try {
            int status = asMhs(app).header("X-Junk", "x".repeat(64 * 1024)).contentType("application/json")
                    .body("{}").post("mhs/inbound").statusCode();
            assertTrue(status >= 400 && status < 500, "a 64 KB header: " + status);
        } catch (Exception closed) {
            // The server may close the connection while the header is still being sent (a broken pipe or a
            // reset on a loaded machine): that is a refusal too, as long as the server stays up. REST Assured
            // throws the SocketException itself, undeclared, or wrapped.
            assertTrue(java.util.stream.Stream.iterate((Throwable) closed, t -> t != null, Throwable::getCause)
                    .anyMatch(java.net.SocketException.class::isInstance), "a 64 KB header: " + closed);
        }
        assertReady();
    }

    /** Random JSON for the partner API: wrong types, nulls, huge strings, invalid NHS numbers. */
    @Test
    void randomRequestBodiesForTheApiGet4xxProblems() {
        Random random = new Random(SEED);
        String[] values = {"null", "true", "1", "-1", "1e309", "\"\"", "\"9990000018\"", "\"9990000019\"",
            "\"" + "9".repeat(5000) + "\"", "\"P99001\"", "\"" + HOSTED + "\"", "[]", "{}", "\"<x/>\"", "\"\\u0000\"",
            "\"INTEGRATED\"", "\"REJECTED\"", "\"ZZ\"", "\"2026-13-45T99:00:00Z\""};
        String[] fields = {"nhsNumber", "requestingOds", "sendingOds", "outcome", "reasonCode", "eventId", "type",
            "odsCode", "occurredAt", "registeredOds", "managingOds", "deceased", "supersededBy", "name", "asid"};
        String[] endpoints = {"POST api/v1/transfers", "POST api/v1/registration-events",
            "PUT api/v1/demographics/9990000018", "POST api/v1/paper-fallbacks", "PUT api/v1/practices/Q99713",
            "POST api/v1/transfers/NO-SUCH-CONVERSATION/outcome"};
        Map<Integer, Integer> answers = new TreeMap<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder body = new StringBuilder("{");
            int count = random.nextInt(6);
            for (int f = 0; f < count; f++) {
                body.append(f == 0 ? "" : ",").append('"').append(fields[random.nextInt(fields.length)])
                        .append("\": ").append(values[random.nextInt(values.length)]);
            }
            String text = random.nextInt(10) == 0 ? body.substring(0, random.nextInt(body.length() + 1)) : body + "}";
            String[] endpoint = endpoints[random.nextInt(endpoints.length)].split(" ");
            Response response = asAdmin(app).contentType("application/json").body(text.getBytes(UTF_8))
                    .request(endpoint[0], endpoint[1]);
            int status = response.statusCode();
            answers.merge(status, 1, Integer::sum);
            assertTrue(status < 500, endpoint[0] + " " + endpoint[1] + " with " + shorten(text) + ": " + status
                    + " " + response.asString());
            if (status >= 400) {
                assertEquals("application/problem+json", response.contentType().split(";")[0],
                        "an error is a problem: " + shorten(text));
            }
        }
        System.out.println("Random API bodies (600, seed " + SEED + "), answers by status: " + answers);
        assertReady();
    }

    /** The real large-message conversations' files, each cut at random places: never a 5xx. */
    @Test
    void realMessagesCutShortGetA4xx() throws Exception {
        FixtureTable.assumePresent();
        Path fixtures = FixtureTable.ROOT.resolve("mhs-envelope");
        Random random = new Random(SEED);
        int tried = 0;
        try (var files = Files.list(fixtures)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                byte[] real = Files.readAllBytes(file);
                for (int i = 0; i < 50; i++) {
                    byte[] cut = java.util.Arrays.copyOf(real, random.nextInt(real.length));
                    int status = asMhs(app).contentType("application/json").body(cut).post("mhs/inbound")
                            .statusCode();
                    assertTrue(status < 500, file.getFileName() + " cut at " + cut.length + ": " + status);
                    tried++;
                }
            }
        }
        assertTrue(tried > 0);
        assertReady();
    }

    private void assertReady() {
        DeployedWar.serverRoot(app).get("health/ready").then().statusCode(200);
    }

    /** One of a few kinds of damage, at a random place. */
    private static String mutate(String text, Random random) {
        if (text == null || text.isEmpty()) {
            return "x";
        }
        int at = random.nextInt(text.length());
        int end = Math.min(text.length(), at + 1 + random.nextInt(40));
        return switch (random.nextInt(9)) {
            case 0 -> text.substring(0, at);                                                 // cut short
            case 1 -> text.substring(0, at) + text.substring(end);                           // a span gone
            case 2 -> text.substring(0, end) + text.substring(at);                           // a span twice
            case 3 -> text.substring(0, at) + (char) random.nextInt(0x3000) + text.substring(at + 1);  // one char
            case 4 -> text.replaceFirst("extension=\"[^\"]*\"", "extension=\"" + junkValue(random) + "\"");
            case 5 -> text.replaceFirst("root=\"[^\"]*\"", "root=\"" + junkValue(random) + "\"");
            case 6 -> "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                    + text.replace("</", "&b;</");                                           // entities
            case 7 -> text.replaceAll(">\\s*<", "><x>" + "<y>".repeat(300));                 // deep and broken
            default -> text.substring(0, at) + "<" + text.substring(at);                     // a stray bracket
        };
    }

    private static String junkValue(Random random) {
        String[] values = {"", " ", "9990000019", "0000000000", "X".repeat(3000), "'; drop table transfer; --",
            "\u0000", "NOT-A-UUID", "99900000181", "mid:", "cid:x@y"};
        return values[random.nextInt(values.length)];
    }

    private static String json(String ebxml, String payload) {
        return "{\"ebXML\": " + quote(ebxml) + ", \"payload\": " + quote(payload) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String shorten(String text) {
        String shown = text.replaceAll("\\d{10}", "{nhsNumber}");
        return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
    }
}

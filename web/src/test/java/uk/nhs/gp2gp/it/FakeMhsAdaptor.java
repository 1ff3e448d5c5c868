package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The MHS adaptor's outbound HTTP API (integration-adaptor-mhs, {@code mhs/outbound/.../synchronous/handler.py}
 * and {@code mhs/common/mhs_common/request/request_body_schema.py}) played by a server on loopback: it
 * checks every request as the adaptor does and answers as it would (415, 400 or 404 with the reason,
 * 202 when accepted), keeping each request for the test. Point {@code gp2gp.mhs.outbound-url} at
 * {@link #url()}.
 *
 * <p>Stricter than the adaptor on purpose where GP2GP needs it: {@code Message-Id} and
 * {@code Correlation-Id} are required (the adaptor would make up new ones, and the conversation would
 * be lost). The size of the message the adaptor builds for Spine is estimated from below (the ebXML
 * envelope it adds is not counted byte for byte), so a request refused here is refused there too.
 */
public final class FakeMhsAdaptor implements AutoCloseable {

    /** The adaptor's _ATTACHMENT_ALLOWED_CONTENT_TYPES (EIS part 2, 2.5.4.2). */
    public static final Set<String> CONTENT_TYPES = Set.of("text/plain", "text/html", "application/pdf", "text/xml",
            "application/xml", "text/rtf", "audio/basic", "audio/mpeg", "image/png", "image/gif", "image/jpeg",
            "image/tiff", "video/mpeg", "application/msword", "application/octet-stream");
    public static final int MAX_PAYLOAD_CHARS = 5_000_000;
    public static final int MAX_ATTACHMENTS = 98;
    private static final Set<String> BODY_FIELDS = Set.of("payload", "attachments", "external_attachments");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("is_base64", "content_type", "payload",
            "description", "document_id");
    private static final Set<String> EXTERNAL_FIELDS = Set.of("document_id", "message_id", "description");
    /** Spine's limit, the adaptor's SPINE_REQUEST_MAX_SIZE. */
    public static final long SPINE_MAX_BYTES = 4_999_600;
    /** The least the adaptor's ebXML envelope and MIME headers add: SOAP header, one part header each. */
    private static final long ENVELOPE_BYTES = 2_000;
    private static final long PER_PART_BYTES = 150;

    /** One request as received, with the adaptor's answer and, when refused, why. */
    public record Request(Headers headers, String body, int status, String refusal) {

        public boolean accepted() {
            return status == 202;
        }

        public String header(String name) {
            return headers.getFirst(name);
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeMhsAdaptor(HttpServer server) {
        this.server = server;
    }

    public static FakeMhsAdaptor start() throws IOException {
        FakeMhsAdaptor adaptor = new FakeMhsAdaptor(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        adaptor.server.createContext("/", adaptor::handle);
        adaptor.server.start();
        return adaptor;
    }

    /** The outbound URL, as {@code gp2gp.mhs.outbound-url} names it. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> refused() {
        return requests.stream().filter(r -> !r.accepted()).toList();
    }

    /** The accepted requests of a conversation (its Correlation-Id), oldest first. */
    public List<Request> accepted(String conversationId) {
        return requests.stream().filter(Request::accepted)
                .filter(r -> conversationId.equalsIgnoreCase(r.header("Correlation-Id"))).toList();
    }

    /** Waits up to {@code timeout} for {@code count} accepted requests of the conversation. */
    public List<Request> awaitAccepted(String conversationId, int count, Duration timeout) {
        Eventually.until(count + " requests of " + conversationId + " accepted by the MHS adaptor", timeout,
                () -> accepted(conversationId).size() >= count);
        return accepted(conversationId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
        Headers headers = exchange.getRequestHeaders();
        int status = 202;
        String refusal = null;
        if (!"application/json".equals(headers.getFirst("Content-Type"))) {
            status = 415;
            refusal = "Unsupported content type. Only application/json request bodies are supported.";
        } else if (!"POST".equals(exchange.getRequestMethod())) {
            status = 405;
            refusal = "Only POST";
        } else {
            refusal = headerProblem(headers);
            if (refusal != null) {
                status = refusal.startsWith("Required Interaction-Id") ? 404 : 400;
            } else {
                refusal = bodyProblem(body);
                status = refusal == null ? 202 : 400;
            }
        }
        requests.add(new Request(headers, body, status, refusal));
        byte[] answer = refusal == null ? new byte[0] : refusal.getBytes(UTF_8);
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    /** What the adaptor's handler refuses in the headers, or null. */
    static String headerProblem(Headers headers) {
        String wait = headers.getFirst("wait-for-response");
        if (wait == null || wait.isEmpty()) {
            return "wait-for-response header missing";
        }
        if (!wait.equalsIgnoreCase("true") && !wait.equalsIgnoreCase("false")) {
            return "wait-for-response is set to " + wait;
        }
        if (blank(headers.getFirst("Interaction-Id"))) {
            return "Required Interaction-Id header not found";
        }
        for (String required : List.of("Message-Id", "Correlation-Id", "ods-code")) {
            if (blank(headers.getFirst(required))) {
                return required + " header missing (GP2GP needs it)";
            }
        }
        return null;
    }

    /** What the adaptor's RequestBodySchema refuses in the body, or what Spine's size limit would, or null. */
    static String bodyProblem(String body) {
        if (body.isEmpty()) {
            return "Body missing from request";
        }
        JsonObject json;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            return "Invalid JSON request body";
        }
        List<String> errors = new ArrayList<>();
        known(json, BODY_FIELDS, "", errors);
        String payload = string(json, "payload", errors, "");
        long size = ENVELOPE_BYTES + PER_PART_BYTES;
        if (payload != null) {
            length("payload", payload, errors);
            size += payload.getBytes(UTF_8).length;
        }
        JsonArray attachments = array(json, "attachments", errors);
        if (attachments.size() > MAX_ATTACHMENTS) {
            errors.add("attachments: more than " + MAX_ATTACHMENTS);
        }
        for (int i = 0; i < attachments.size(); i++) {
            String at = "attachments[" + i + "].";
            JsonObject attachment = object(attachments.get(i), at, errors);
            known(attachment, ATTACHMENT_FIELDS, at, errors);
            JsonValue base64 = attachment.get("is_base64");
            if (base64 != JsonValue.TRUE && base64 != JsonValue.FALSE) {
                errors.add(at + "is_base64: a boolean is required");
            }
            String type = string(attachment, "content_type", errors, at);
            if (type != null && !CONTENT_TYPES.contains(type)) {
                errors.add(at + "content_type: must be one of " + CONTENT_TYPES + ", not " + type);
            }
            String content = string(attachment, "payload", errors, at);
            if (content != null) {
                length(at + "payload", content, errors);
                size += content.getBytes(UTF_8).length;
            }
            String description = string(attachment, "description", errors, at);
            if (description != null && description.isEmpty()) {
                errors.add(at + "description: must not be empty");
            }
            optionalString(attachment, "document_id", errors, at);
            size += PER_PART_BYTES + (description == null ? 0 : description.length());
        }
        JsonArray external = array(json, "external_attachments", errors);
        for (int i = 0; i < external.size(); i++) {
            String at = "external_attachments[" + i + "].";
            JsonObject attachment = object(external.get(i), at, errors);
            known(attachment, EXTERNAL_FIELDS, at, errors);
            string(attachment, "message_id", errors, at);
            String description = string(attachment, "description", errors, at);
            optionalString(attachment, "document_id", errors, at);
            size += description == null ? 0 : description.length();
        }
        if (errors.isEmpty() && size > SPINE_MAX_BYTES) {
            return "Request to send to Spine is too large. MaxRequestSize=" + SPINE_MAX_BYTES + " RequestSize>=" + size;
        }
        return errors.isEmpty() ? null : "Invalid request. Validation errors: " + errors;
    }

    /** Marshmallow 3 schemas refuse fields they do not declare. */
    private static void known(JsonObject json, Set<String> fields, String at, List<String> errors) {
        json.keySet().stream().filter(f -> !fields.contains(f)).forEach(f -> errors.add(at + f + ": Unknown field."));
    }

    private static void length(String field, String value, List<String> errors) {
        if (value.isEmpty() || value.length() > MAX_PAYLOAD_CHARS) {
            errors.add(field + ": length must be between 1 and " + MAX_PAYLOAD_CHARS + ", is " + value.length());
        }
    }

    private static String string(JsonObject json, String field, List<String> errors, String at) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
            errors.add(at + field + (value == null ? ": missing" : ": not a string"));
            return null;
        }
        return json.getString(field);
    }

    private static void optionalString(JsonObject json, String field, List<String> errors, String at) {
        if (json.containsKey(field) && json.get(field).getValueType() != JsonValue.ValueType.STRING) {
            errors.add(at + field + ": not a string");
        }
    }

    private static JsonArray array(JsonObject json, String field, List<String> errors) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            errors.add(field + ": not a list");
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return value.asJsonArray();
    }

    private static JsonObject object(JsonValue value, String at, List<String> errors) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(at + ": not an object");
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return value.asJsonObject();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

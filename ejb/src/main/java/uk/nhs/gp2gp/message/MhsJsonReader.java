package uk.nhs.gp2gp.message;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the MHS JSON envelope. Its strings are JSON strings, so the whole envelope is read into
 * memory; the size limit keeps that bounded (MHS allows 5,000,000 characters per payload and part).
 */
final class MhsJsonReader {

    /** Looked up once: {@code Json.createX} searches the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final MessageLimits limits;

    MhsJsonReader(MessageLimits limits) {
        this.limits = limits;
    }

    MhsJsonEnvelope read(InputStream in) {
        JsonObject json = parse(new LimitedInputStream(in, limits.maxJsonBytes(), "json"));
        // The sender adaptor's task message carries the MHS request as a JSON string in "data".
        if (!json.containsKey("payload") && !json.containsKey("ebXML") && json.get("data") instanceof JsonString data) {
            MhsJsonEnvelope inner = envelope(parseText(data.getString()));
            return new MhsJsonEnvelope(inner.ebXml(), inner.payload(), inner.attachments(),
                    inner.externalAttachments(), text(json, "conversationId"));
        }
        return envelope(json);
    }

    private MhsJsonEnvelope envelope(JsonObject json) {
        List<MhsJsonEnvelope.JsonAttachment> attachments = new ArrayList<>();
        int index = 0;
        for (JsonValue item : array(json, "attachments")) {
            JsonObject part = object(item, "attachments[" + index++ + "]");
            attachments.add(new MhsJsonEnvelope.JsonAttachment(text(part, "content_id"), text(part, "content_type"),
                    isTrue(part.get("is_base64")), text(part, "description"), documentId(part),
                    text(part, "payload")));
        }
        if (attachments.size() > limits.maxAttachments()) {
            throw MessageProblem.of("attachments", "json attachments", attachments.size() + " attachments",
                    "at most " + limits.maxAttachments(), null);
        }
        List<ExternalAttachment> external = new ArrayList<>();
        index = 0;
        for (JsonValue item : array(json, "external_attachments")) {
            JsonObject part = object(item, "external_attachments[" + index++ + "]");
            external.add(new ExternalAttachment(text(part, "message_id"), documentId(part),
                    AttachmentDescription.parse(text(part, "description"))));
        }
        return new MhsJsonEnvelope(text(json, "ebXML"), text(json, "payload"), attachments, external, null);
    }

    private static JsonObject parse(InputStream in) {
        try (JsonReader reader = JSON.createReader(in)) {
            return reader.readObject();
        } catch (JsonParsingException e) {
            throw notJson(e.getLocation(), e.getMessage());
        } catch (JsonException | IllegalStateException e) {
            MessageProblem limit = limitProblem(e);
            if (limit != null) {
                throw limit;
            }
            throw notJson(null, e.getMessage());
        }
    }

    private static JsonObject parseText(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonParsingException e) {
            throw notJson(e.getLocation(), e.getMessage());
        } catch (JsonException | IllegalStateException e) {
            throw notJson(null, e.getMessage());
        }
    }

    private static MessageProblem limitProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MessageProblem problem) {
                return problem;
            }
        }
        return null;
    }

    private static MessageProblem notJson(JsonLocation location, String message) {
        String where = location == null ? "json" : "json line " + location.getLineNumber() + ", column "
                + location.getColumnNumber();
        String detail = message == null ? "" : message.lines().findFirst().orElse("");
        return MessageProblem.of("json", where, "not a JSON object: " + (detail.length() > 200
                ? detail.substring(0, 200) : detail), "the MHS JSON envelope {ebXML, payload, attachments, "
                + "external_attachments}", null);
    }

    private static List<JsonValue> array(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw MessageProblem.of(field, "json " + field, "is not an array", "an array", null);
        }
        return value.asJsonArray();
    }

    private static JsonObject object(JsonValue value, String where) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw MessageProblem.of(where, "json " + where, "is not an object", "a JSON object", null);
        }
        return value.asJsonObject();
    }

    /** The sender adaptor writes document_id, one real message documentId. */
    private static String documentId(JsonObject part) {
        String id = text(part, "document_id");
        return id != null ? id : text(part, "documentId");
    }

    private static boolean isTrue(JsonValue value) {
        return value == JsonValue.TRUE
                || value instanceof JsonString s && "true".equalsIgnoreCase(s.getString().strip());
    }

    private static String text(JsonObject json, String field) {
        return json.get(field) instanceof JsonString s ? s.getString() : null;
    }
}

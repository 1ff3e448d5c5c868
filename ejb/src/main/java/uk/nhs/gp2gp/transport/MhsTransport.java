package uk.nhs.gp2gp.transport;

import jakarta.json.spi.JsonProvider;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;

/**
 * Sends through an NHS MHS adaptor: {@code POST gp2gp.mhs.outbound-url} with the routing headers
 * and a JSON body of payload, attachments and external attachments. The adaptor builds the ebXML
 * envelope itself, so ours is left out.
 */
@ApplicationScoped
public class MhsTransport implements Transport {

    /** Looked up once: {@code Json.createX} searches the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    @ConfigProperty(name = "gp2gp.mhs.outbound-url")
    private Optional<String> outboundUrl;

    @EJB
    private Practices practices;

    @EJB
    private OutboundSettings settings;

    @Override
    public void send(OutboundMessage message, Practice destination) throws TransportException {
        send(message, destination.getOdsCode());
    }

    /** Sends to the practice with this ODS code, listed in the directory or not: the adaptor finds its route. */
    public void send(OutboundMessage message, String destinationOds) throws TransportException {
        String url = outboundUrl.filter(u -> !u.isBlank()).orElseThrow(() -> new TransportException(
                "gp2gp.transport is mhs but gp2gp.mhs.outbound-url is not set", false));
        String fromAsid = practices.find(OdsCode.of(message.fromOds())).map(Practice::getAsid).orElse("");
        HttpDelivery.post(URI.create(url), headers(message, destinationOds, fromAsid),
                outboundBody(message.envelope()), settings.timeout());
    }

    public static Map<String, String> headers(OutboundMessage message, String destinationOds, String fromAsid) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Interaction-Id", message.interactionId());
        headers.put("Correlation-Id", message.conversationId());
        headers.put("Message-Id", message.messageId());
        headers.put("wait-for-response", "false");
        // The adaptor looks up the route and contract of the practice that receives the message.
        headers.put("ods-code", destinationOds);
        if (!fromAsid.isBlank()) {
            headers.put("from-asid", fromAsid);
        }
        return headers;
    }

    /**
     * The inbound envelope without its ebXML, in the outbound API's field names (no others: the
     * adaptor's schema refuses unknown fields). Public for the tests that check it against that schema.
     */
    public static byte[] outboundBody(byte[] envelope) {
        JsonObject in;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(envelope))) {
            in = reader.readObject();
        }
        JsonObjectBuilder out = JSON.createObjectBuilder().add("payload", in.getString("payload"));
        out.add("attachments", copy(in.getJsonArray("attachments"), "content_type", "is_base64", "description",
                "payload", "document_id"));
        out.add("external_attachments", copy(in.getJsonArray("external_attachments"), "message_id", "description",
                "document_id"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        JSON.createWriter(body).writeObject(out.build());
        return body.toByteArray();
    }

    private static JsonArrayBuilder copy(JsonArray items, String... fields) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        if (items == null) {
            return array;
        }
        for (JsonValue value : items) {
            JsonObject item = value.asJsonObject();
            JsonObjectBuilder copy = JSON.createObjectBuilder();
            for (String field : fields) {
                if (item.containsKey(field) && item.get(field).getValueType() != JsonValue.ValueType.NULL) {
                    copy.add(field, item.get(field));
                }
            }
            array.add(copy);
        }
        return array;
    }
}

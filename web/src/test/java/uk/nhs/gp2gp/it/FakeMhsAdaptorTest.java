package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transfer.InlineAttachment;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transport.MhsTransport;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * The fake MHS adaptor refuses what the real one refuses, and the hub's own messages, as MhsTransport
 * sends them, pass it: a .docx, an empty file, a COPC, an acknowledgement.
 */
class FakeMhsAdaptorTest {

    private static final Party SENDER = new Party("P99002", "900000000002", "P99002-000002");
    private static final Party REQUESTER = new Party("P99001", "900000000001", "P99001-000001");
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String RECORD = "<EhrExtract xmlns=\"urn:hl7-org:v3\"><id root=\"X\"/><recordTarget>"
            + "<patient><id extension=\"9990000026\"/></patient></recordTarget></EhrExtract>";
    private final ConversationCodec codec = new ConversationCodec(
            Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));
    private final HttpClient client = HttpClient.newHttpClient();
    private FakeMhsAdaptor adaptor;

    @BeforeEach
    void start() throws IOException {
        adaptor = FakeMhsAdaptor.start();
    }

    @AfterEach
    void stop() {
        adaptor.close();
    }

    @Test
    void theHubsExtractWithADocxAndAnEmptyFileIsAccepted() throws Exception {
        OutboundMessage extract = codec.extract("CONV-1", "REQ-1", new ByteArrayInputStream(RECORD.getBytes(UTF_8)),
                List.of(new InlineAttachment("d1@hub", DOCX, true, "letter.docx", "UEsDBA=="),
                        new InlineAttachment("d2@hub", "application/pdf", true,
                                AttachmentDescription.of("empty.pdf", "application/pdf", 0), "")),
                SENDER, REQUESTER);

        assertEquals(202, sendAsTheHubDoes(extract), adaptor.requests().toString());
        FakeMhsAdaptor.Request request = adaptor.accepted("CONV-1").get(0);
        assertEquals(extract.messageId(), request.header("Message-Id"));
        assertEquals("RCMR_IN030000UK06", request.header("Interaction-Id"));
    }

    @Test
    void theHubsPartsAndAcknowledgementsAreAccepted() throws Exception {
        assertEquals(202, sendAsTheHubDoes(codec.filePart("CONV-2", SENDER, REQUESTER, "PART-1", "empty.docx", DOCX,
                "")));
        assertEquals(202, sendAsTheHubDoes(codec.fragment("CONV-2", SENDER, REQUESTER, "FRAG-1",
                "PART-1_0.messageattachment", "AAAA")));
        assertEquals(202, sendAsTheHubDoes(codec.acknowledgement("CONV-2", SENDER, REQUESTER, "REQ-MSG",
                uk.nhs.gp2gp.transfer.AckType.AA, null)));
        assertEquals(3, adaptor.accepted("CONV-2").size());
    }

    @Test
    void refusesWhatTheAdaptorsSchemaRefuses() {
        String attachment = "{\"is_base64\":true,\"content_type\":\"%s\",\"description\":\"d\",\"payload\":\"%s\"}";
        assertNull(FakeMhsAdaptor.bodyProblem(body(attachment.formatted("application/pdf", "AAAA"))));
        assertTrue(FakeMhsAdaptor.bodyProblem(body(attachment.formatted(DOCX, "AAAA"))).contains("content_type"));
        assertTrue(FakeMhsAdaptor.bodyProblem(body(attachment.formatted("text/plain", ""))).contains("payload"));
        assertTrue(FakeMhsAdaptor.bodyProblem("{\"payload\":\"<x/>\",\"attachments\":[{\"content_id\":\"c\","
                + "\"is_base64\":true,\"content_type\":\"text/plain\",\"description\":\"d\",\"payload\":\"A\"}]}")
                .contains("content_id: Unknown field"));
        assertTrue(FakeMhsAdaptor.bodyProblem("{\"payload\":\"\"}").contains("payload"));
        assertTrue(FakeMhsAdaptor.bodyProblem("not json").contains("Invalid JSON"));
        String big = "A".repeat(2_500_000);
        assertTrue(FakeMhsAdaptor.bodyProblem("{\"payload\":\"" + big + "\",\"attachments\":["
                + attachment.formatted("text/plain", big) + "]}").contains("too large"),
                "each part under 5,000,000, the whole over Spine's 4,999,600");
    }

    @Test
    void refusesMissingHeadersAndOtherBodiesAsTheAdaptorDoes() throws Exception {
        Map<String, String> headers = Map.of("Interaction-Id", "COPC_IN000001UK01", "Message-Id", "M1",
                "Correlation-Id", "C1", "ods-code", "P99001");
        assertEquals(400, post(headers, "application/json", "{\"payload\":\"<x/>\"}"), "no wait-for-response");
        Map<String, String> complete = new java.util.HashMap<>(headers);
        complete.put("wait-for-response", "false");
        assertEquals(415, post(complete, "application/json; charset=utf-8", "{\"payload\":\"<x/>\"}"));
        assertEquals(202, post(complete, "application/json", "{\"payload\":\"<x/>\"}"));
        complete.remove("Interaction-Id");
        assertEquals(404, post(complete, "application/json", "{\"payload\":\"<x/>\"}"));
    }

    private static String body(String attachment) {
        return "{\"payload\":\"<x/>\",\"attachments\":[" + attachment + "],\"external_attachments\":[]}";
    }

    /** The headers and body MhsTransport sends for this message to the requester's practice. */
    private int sendAsTheHubDoes(OutboundMessage message) throws Exception {
        return post(MhsTransport.headers(message, REQUESTER.odsCode(), SENDER.asid()), "application/json",
                new String(MhsTransport.outboundBody(message.envelope()), UTF_8));
    }

    private int post(Map<String, String> headers, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adaptor.url()))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

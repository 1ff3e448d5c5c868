package uk.nhs.gp2gp.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.it.DeployedWar.asMhs;
import static uk.nhs.gp2gp.it.DeployedWar.asAdmin;
import static uk.nhs.gp2gp.it.RecordingPractice.isAck;
import static uk.nhs.gp2gp.it.DeployedWar.serverRoot;

import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.transfer.ConversationCodec.LargeExtract;
import uk.nhs.gp2gp.transfer.ExternalPart;
import uk.nhs.gp2gp.transfer.InlineAttachment;
import uk.nhs.gp2gp.transfer.Party;
import uk.nhs.gp2gp.transfer.ConversationCodec;
import uk.nhs.gp2gp.transport.OutboundMessage;

/**
 * What a received record decompresses to is bounded (defaults: 1 GiB a file, 2 GiB a record) and a
 * skeleton's real extract must be about the patient asked for. This server is the requester (its
 * -Xmx512m); the old practice is a recording server, and the test sends its messages, built with the
 * hub's own codec, into {@code /mhs/inbound}. The bombs are gzipped zeros, made a block at a time.
 */
@ExtendWith(ArquillianExtension.class)
class DecompressionLimitsIT {

    private static final String HERE = "Q99611";
    private static final String THERE = "Q99612";
    private static final long GIB = 1024L * 1024 * 1024;
    /** Synthetic patients (999 range, valid modulus 11). */
    private static final Iterator<String> PATIENTS = List.of("9990006199", "9990006202", "9990006210",
            "9990006229", "9990006237").iterator();
    private static final ConversationCodec CODEC = new ConversationCodec(Clock.systemUTC());
    private static final Party REQUESTER = party(HERE);
    private static final Party SENDER = party(THERE);

    private static RecordingPractice oldPractice;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedWar.archive();
    }

    @ArquillianResource
    private URL app;

    @BeforeAll
    static void recordingOldPractice() throws IOException {
        oldPractice = RecordingPractice.start();
    }

    @AfterAll
    static void stop() {
        oldPractice.close();
    }

    /** 2 GiB of zeros in about 2 MB, one COPC after a large extract: refused 30, nothing kept, the server fine. */
    @Test
    void aGzipBombInAPartIsRefusedWith30AndTheTransferFailsSayingWhichLimit() throws Exception {
        String bomb = bomb();
        assertTrue(bomb.length() < 4_000_000, "a 1000:1 bomb: " + bomb.length() + " characters");
        String nhsNumber = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        String partId = uk.nhs.gp2gp.identifier.MessageIds.newId();
        LargeExtract extract = largeExtract(conversation, nhsNumber, List.of(compressedFile(partId, "zeros.bin", bomb)));
        post(extract.message());
        waitFor(conversation, t -> "WAITING_FOR_PARTS".equals(t.getString("status")));

        Instant posted = Instant.now();
        post(CODEC.filePart(conversation, SENDER, REQUESTER, partId, "zeros.bin", "application/octet-stream", bomb));
        JsonPath failed = waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        System.out.println("A 2 GiB gzip bomb (" + bomb.length() + " characters of base64) refused in "
                + Duration.between(posted, Instant.now()).toMillis() + " ms");

        assertEquals("30", failed.getString("failure.code"));
        assertEquals("Attachment " + partId + " is larger than the limit of 1 GiB (1073741824 bytes) for one file once"
                + " decoded and decompressed (gp2gp.requester.max-file-bytes)", failed.getString("failure.detail"));
        assertEquals(List.of(), failed.getList("attachments"), "nothing half-stored is offered");
        oldPractice.awaitSent(conversation, m -> isAck(m, partId, "AE", "30"), "AE 30 on the part");
        oldPractice.awaitSent(conversation, m -> isAck(m, extract.message().messageId(), "AE", "30"), "final AE 30 on the extract");
        serverRoot(app).get("health/ready").then().statusCode(200);
    }

    /** The same bomb inline, in a single-message extract, marked Compressed=Yes: the extract is refused 30. */
    @Test
    void aGzipBombInlineInTheExtractIsRefusedWith30() throws Exception {
        String bomb = bomb();
        String nhsNumber = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        OutboundMessage extract = CODEC.extract(conversation, oldPractice.ehrRequestSent(conversation),
                new ByteArrayInputStream(TransferIT.bareExtract(nhsNumber).getBytes(UTF_8)),
                List.of(new InlineAttachment("zeros@practice", "application/octet-stream", true,
                        AttachmentDescription.format("zeros.bin", "application/octet-stream", true, false, false,
                                (long) bomb.length(), false), bomb)), SENDER, REQUESTER);
        post(extract);

        JsonPath failed = waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        assertEquals("30", failed.getString("failure.code"));
        assertTrue(failed.getString("failure.detail").contains("(gp2gp.requester.max-file-bytes)"),
                failed.getString("failure.detail"));
        assertEquals(List.of(), failed.getList("attachments"));
        asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(404);
        oldPractice.awaitSent(conversation, m -> isAck(m, extract.messageId(), "AE", "30"), "AE 30 on the extract");
        serverRoot(app).get("health/ready").then().statusCode(200);
    }

    /** Three files of 800 MiB each, every one under the 1 GiB per file, together over the 2 GiB a record. */
    @Test
    void filesEachUnderTheFileLimitAreRefusedTogetherOverTheRecordLimit() throws Exception {
        String file = base64(gzippedZeros(800L * 1024 * 1024));
        String nhsNumber = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        List<ExternalPart> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            files.add(compressedFile(uk.nhs.gp2gp.identifier.MessageIds.newId(), "zeros-" + i + ".bin", file));
        }
        LargeExtract extract = largeExtract(conversation, nhsNumber, files);
        post(extract.message());
        for (int i = 0; i < files.size(); i++) {
            post(CODEC.filePart(conversation, SENDER, REQUESTER, files.get(i).messageId(), "zeros-" + i + ".bin",
                    "application/octet-stream", file));
        }

        JsonPath failed = waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        assertEquals("30", failed.getString("failure.code"));
        String detail = failed.getString("failure.detail");
        assertTrue(detail.startsWith("The record is larger than the limit of 2 GiB (2147483648 bytes) for one transfer"
                + " once decoded and decompressed (gp2gp.requester.max-record-bytes)"), detail);
        assertTrue(detail.endsWith(files.get(2).messageId()), "the third file crossed it: " + detail);
        assertEquals(List.of(), failed.getList("attachments"), "none of the files is offered");
        oldPractice.awaitSent(conversation, m -> files.stream().anyMatch(f -> isAck(m, f.messageId(), "AE", "30")),
                "AE 30 on the part that completed the record");
        oldPractice.awaitSent(conversation, m -> isAck(m, extract.message().messageId(), "AE", "30"), "final AE 30 on the extract");
        serverRoot(app).get("health/ready").then().statusCode(200);
    }

    /** A skeleton about the patient asked for, whose real extract (its compressed part) is about someone else. */
    @Test
    void aSkeletonWhoseRealExtractNamesAnotherPatientIsRefusedWith28() throws Exception {
        String nhsNumber = PATIENTS.next();
        String someoneElse = PATIENTS.next();
        String conversation = startTransfer(nhsNumber);
        LargeExtract skeleton = CODEC.largeExtract(conversation, oldPractice.ehrRequestSent(conversation),
                new ByteArrayInputStream(TransferIT.bareExtract(someoneElse).getBytes(UTF_8)), nhsNumber, List.of(),
                SENDER, REQUESTER, 0, 4_500_000);
        assertTrue(skeleton.isSkeleton());
        post(skeleton.message());
        waitFor(conversation, t -> "WAITING_FOR_PARTS".equals(t.getString("status")));
        String partId = skeleton.originalPart().messageId();
        post(CODEC.filePart(conversation, SENDER, REQUESTER, partId, "original.xml.gz", "text/xml",
                base64(skeleton.gzippedOriginal())));

        JsonPath failed = waitFor(conversation, t -> "FAILED".equals(t.getString("status")));
        assertEquals("28", failed.getString("failure.code"));
        assertEquals("The skeleton's real extract is about another NHS number than the one requested",
                failed.getString("failure.detail"));
        oldPractice.awaitSent(conversation, m -> isAck(m, partId, "AE", "28"), "AE 28 on the part");
        oldPractice.awaitSent(conversation, m -> isAck(m, skeleton.message().messageId(), "AE", "28"), "final AE 28 on the extract");
        String ehr = asAdmin(app).get("api/v1/transfers/" + conversation + "/ehr").then().statusCode(404)
                .extract().asString();
        assertFalse(ehr.contains(someoneElse), "the other patient's record is not kept");
    }

    // ---- helpers

    private static String bomb;

    /** 2 GiB of zeros, gzipped (about 2 MB), as base64: made once for the tests that send it. */
    private static synchronized String bomb() throws IOException {
        if (bomb == null) {
            bomb = base64(gzippedZeros(2 * GIB));
        }
        return bomb;
    }

    private static LargeExtract largeExtract(String conversation, String nhsNumber, List<ExternalPart> files) {
        return CODEC.largeExtract(conversation, oldPractice.ehrRequestSent(conversation),
                new ByteArrayInputStream(TransferIT.bareExtract(nhsNumber).getBytes(UTF_8)), nhsNumber, files, SENDER,
                REQUESTER, Integer.MAX_VALUE, 4_500_000);
    }

    /** A file the manifest announces as gzipped and base64, of this many characters. */
    private static ExternalPart compressedFile(String messageId, String name, String base64) {
        return new ExternalPart(messageId, AttachmentDescription.format(name, "application/octet-stream", true, false,
                false, (long) base64.length(), false));
    }

    /** Zeros gzipped a block at a time: the inflated whole is never in memory. */
    private static byte[] gzippedZeros(long bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[1024 * 1024];
        try (OutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            for (long written = 0; written < bytes; written += block.length) {
                gzip.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
        return out.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getMimeEncoder().encodeToString(bytes);
    }

    private static Party party(String ods) {
        return new Party(ods, "9000000" + ods.substring(1), ods + "-1");
    }

    private String startTransfer(String nhsNumber) {
        practice(HERE, true, null);
        practice(THERE, false, oldPractice.url());
        String location = asAdmin(app).contentType("application/json")
                .body("{\"nhsNumber\": \"" + nhsNumber + "\", \"requestingOds\": \"" + HERE + "\", \"sendingOds\": \""
                        + THERE + "\"}")
                .post("api/v1/transfers").then().statusCode(202).extract().header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private void practice(String ods, boolean hosted, String endpoint) {
        Party party = party(ods);
        asAdmin(app).contentType("application/json")
                .body("{\"name\": \"Decompression test " + ods + "\", \"asid\": \"" + party.asid()
                        + "\", \"partyKey\": \"" + party.partyKey() + "\", \"hosted\": " + hosted
                        + (endpoint == null ? "" : ", \"endpointUrl\": \"" + endpoint + "\"") + "}")
                .put("api/v1/practices/" + ods).then().statusCode(oneOf(200, 201));
    }

    /** The old practice's message into /mhs/inbound, as its MHS adaptor would deliver it. */
    private void post(OutboundMessage message) {
        asMhs(app).contentType("application/json").body(message.envelope()).post("mhs/inbound")
                .then().statusCode(202);
    }

    private JsonPath waitFor(String conversation, Predicate<JsonPath> condition) {
        return Eventually.until("transfer " + conversation, Duration.ofSeconds(60), () -> asAdmin(app)
                .get("api/v1/transfers/" + conversation + "?role=REQUESTER").then().statusCode(200)
                .extract().jsonPath(), condition);
    }
}

package uk.nhs.gp2gp.component;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nhs.gp2gp.component.Gp2gpWorld.HOSTED;
import static uk.nhs.gp2gp.component.Gp2gpWorld.PARTNER;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import uk.nhs.gp2gp.content.ContentStore;
import uk.nhs.gp2gp.content.StoredContent;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Hl7Writer;
import uk.nhs.gp2gp.message.Interaction;
import uk.nhs.gp2gp.message.MhsJsonWriter;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * A skeleton extract whose real extract comes inline ({@code cid:}) rather than in a COPC of its
 * own, and a real extract that is an RCMR_IN030000UK07 message: the requester keeps the real one.
 */
@Tag("database")
class SkeletonReceivingComponentTest {

    private static Gp2gpWorld world;

    @BeforeAll
    static void start() {
        world = new Gp2gpWorld();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void anInlineSkeletonOriginalInUk07ReplacesTheSkeleton() {
        Transfer transfer = world.requestRecord();
        EhrRequest request = (EhrRequest) world.sent(transfer).get(0).payload();
        Gp2gpMessage real = world.partner.ehrExtract(Interaction.EHR_EXTRACT_UK07, transfer.getConversationId(),
                request, PARTNER, HOSTED, List.of(), false);
        String realXml = Hl7Writer.toXml(real.payload());
        assertTrue(realXml.startsWith("<RCMR_IN030000UK07"), "the real extract is a UK07 message");
        String gzipped = Base64.getEncoder().encodeToString(gzip(realXml));
        Gp2gpMessage skeleton = world.extractFor(transfer, List.of(new OutgoingFile("original.xml.gz", "text/xml",
                gzipped.length(), true, false, false, true)));

        InboundOutcome outcome = world.receive(MhsJsonWriter.toJson(skeleton, a -> gzipped).getBytes(UTF_8));

        assertEquals(InboundOutcome.Kind.PROCESSED, outcome.kind(), outcome.detail());
        Transfer ready = world.transfer(transfer.getConversationId(), TransferRole.REQUESTER);
        assertEquals(TransferStatus.READY_TO_INTEGRATE, ready.getStatus());
        List<StoredContent> extracts = stored(transfer, StoredContent.Kind.EXTRACT);
        assertEquals(1, extracts.size(), "the skeleton gave way to the real extract");
        assertEquals(realXml, read(extracts.get(0)));
        assertEquals(List.of(), stored(transfer, StoredContent.Kind.ATTACHMENT), "not kept as a file as well");
    }

    private static List<StoredContent> stored(Transfer transfer, StoredContent.Kind kind) {
        return world.inTransaction(() -> world.bean(ContentStore.class).ofTransfer(transfer.getId(), kind));
    }

    private static String read(StoredContent content) {
        return world.inTransaction(() -> {
            try (InputStream in = world.bean(ContentStore.class).open(content.getId())) {
                return new String(in.readAllBytes(), UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

package uk.nhs.gp2gp.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Synthetic practices, a fixed clock and helpers to put built messages on the wire and back. */
final class TestMessages {

    static final PracticeSystem REQUESTER = new PracticeSystem("P99001", "900000000001", "P99001-900001");
    static final PracticeSystem SENDER = new PracticeSystem("P99002", "900000000002", "P99002-900002");
    /** A test NHS number from the 999 range with a valid check digit. */
    static final String NHS_NUMBER = "9990000018";
    static final String CONVERSATION = "7D4B3F0E-2C1A-4E5B-9D8C-6F7A8B9C0D1E";
    static final MessageFactory FACTORY = new MessageFactory(
            Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC));

    private TestMessages() {
    }

    static Gp2gpMessage request() {
        return FACTORY.ehrRequest(CONVERSATION, NHS_NUMBER, REQUESTER, SENDER);
    }

    static Gp2gpMessage extract(List<OutgoingFile> files) {
        return FACTORY.ehrExtract(CONVERSATION, (EhrRequest) request().payload(), SENDER, REQUESTER, files);
    }

    /** Base64-looking content of the given length, as transported. */
    static InputStream content(long length) {
        byte[] bytes = new byte[(int) length];
        Arrays.fill(bytes, (byte) 'Q');
        return new ByteArrayInputStream(bytes);
    }

    static byte[] multipart(Gp2gpMessage message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartEbxmlWriter.write(message, a -> content(a.length()), out);
        return out.toByteArray();
    }

    static Gp2gpMessage throughMultipart(Gp2gpMessage message) {
        return new MessageParser().parseMultipart(new ByteArrayInputStream(multipart(message)),
                MultipartEbxmlWriter.CONTENT_TYPE, AttachmentSink.DISCARD);
    }

    static Gp2gpMessage throughJson(Gp2gpMessage message) {
        String json = MhsJsonWriter.toJson(message, a -> "Q".repeat((int) a.length()));
        return new MessageParser().parseJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                AttachmentSink.DISCARD);
    }

    /** The same message without what reading found: to compare what was built with what was read. */
    static Gp2gpMessage withoutFindings(Gp2gpMessage m) {
        return new Gp2gpMessage(m.envelope(), m.payload(), m.attachments(), m.externalAttachments(), List.of());
    }
}

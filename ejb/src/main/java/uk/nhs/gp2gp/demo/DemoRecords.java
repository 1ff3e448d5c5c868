package uk.nhs.gp2gp.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import uk.nhs.gp2gp.identifier.MessageIds;
import uk.nhs.gp2gp.message.AttachmentDescription;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Hl7Writer;
import uk.nhs.gp2gp.message.MessageFactory;
import uk.nhs.gp2gp.message.PracticeSystem;
import uk.nhs.gp2gp.record.RecordAttachment;

/**
 * Synthetic GP records for the demo: test NHS numbers (999 range), made-up practices, a minimal
 * record (one narrative statement) and made-up files. Enough structure for a real receiving system to file them.
 */
final class DemoRecords {

    /** Patients whose records the demo practices hold: NHS number, holding practice. */
    static final String[][] PATIENTS = {
        {"9990000069", "P99002"},
        {"9990000077", "P99002"},
        {"9990000085", "P99001"},
    };

    /** A patient whose record is too big for one message: it travels by large messaging. */
    static final String[] LARGE_RECORD_PATIENT = {"9990000158", "P99002"};

    /** A patient P99002 manages but holds no stored record of: a request waits for the practice's system. */
    static final String[] UNSTORED_RECORD_PATIENT = {"9990000093", "P99002"};

    /** The large record's files: a 6 MB synthetic scan (8 MB of base64: two fragments) and a letter. */
    static List<RecordAttachment> largeRecordFiles() {
        byte[] scan = new byte[6 * 1024 * 1024];
        new Random(158).nextBytes(scan);
        byte[] letter = "Synthetic demo discharge letter: no real patient.".getBytes(StandardCharsets.UTF_8);
        return List.of(
                new RecordAttachment("demo-scan@gp2gp-hub", "application/octet-stream",
                        AttachmentDescription.of("synthetic-scan.bin", "application/octet-stream", scan.length),
                        new ByteArrayInputStream(scan)),
                new RecordAttachment("demo-letter@gp2gp-hub", "text/plain",
                        AttachmentDescription.of("discharge-letter.txt", "text/plain", letter.length),
                        new ByteArrayInputStream(letter)));
    }

    private static final MessageFactory MESSAGES = new MessageFactory(Clock.systemUTC());

    private DemoRecords() {
    }

    /**
     * A synthetic record as a practice's system exports it: an extract message, built by the message
     * package, about the patient, from the practice to itself (only its EhrExtract is ever sent on).
     */
    static String extract(String nhsNumber, String practiceOds) {
        PracticeSystem practice = new PracticeSystem(practiceOds, null, null);
        Gp2gpMessage request = MESSAGES.ehrRequest(MessageIds.newId(), nhsNumber, practice, practice);
        return Hl7Writer.toXml(MESSAGES.ehrExtract(request.conversationId(), (EhrRequest) request.payload(), practice,
                practice, List.of()).payload());
    }
}

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import uk.nhs.gp2gp.message.EbxmlWriter;
import uk.nhs.gp2gp.message.EhrRequest;
import uk.nhs.gp2gp.message.Gp2gpMessage;
import uk.nhs.gp2gp.message.Hl7Writer;
import uk.nhs.gp2gp.message.MessageFactory;
import uk.nhs.gp2gp.message.MessageLimits;
import uk.nhs.gp2gp.message.MessageParser;
import uk.nhs.gp2gp.message.MultipartEbxmlReader;
import uk.nhs.gp2gp.message.MultipartEbxmlWriter;
import uk.nhs.gp2gp.message.OutgoingFile;
import uk.nhs.gp2gp.message.PracticeSystem;

/**
 * Parse throughput of the message component on a generated extract in its wire form
 * (multipart/related ebXML): an HL7 payload of many compositions plus large base64 attachments.
 * Every attachment is base64-decoded while it streams past, as a receiver storing it would.
 * Prints MB/s per run and the peak heap of the parsing runs.
 *
 * java -Xmx128m -cp CLASSPATH bench/ParseBench.java WORK_DIR SIZE_MB RUNS
 */
public class ParseBench {

    static final PracticeSystem REQUESTER = new PracticeSystem("P99001", "900000000001", "P99001-900001");
    static final PracticeSystem SENDER = new PracticeSystem("P99002", "900000000002", "P99002-900002");
    static final String BOUNDARY = MultipartEbxmlWriter.BOUNDARY;
    /** The size of the generated HL7 payload. */
    static long hl7Bytes;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int sizeMb = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        Files.createDirectories(work);
        Path file = work.resolve("extract-" + sizeMb + "mb.multipart");
        long started = System.nanoTime();
        generate(file, sizeMb * 1024L * 1024L);
        long bytes = Files.size(file);
        System.out.printf("generated %s: %.1f MB (%.1f s)%n", file.getFileName(), bytes / 1e6,
                (System.nanoTime() - started) / 1e9);

        parse(file);   // warm-up: JIT
        resetPeaks();
        List<Double> rates = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            long t0 = System.nanoTime();
            long[] decoded = parse(file);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double rate = bytes / 1e6 / seconds;
            rates.add(rate);
            System.out.printf("run %d: %.2f s, %.0f MB/s (%d attachments, %.1f MB decoded)%n", run, seconds, rate,
                    decoded[0], decoded[1] / 1e6);
        }
        long[] payloadBytes = new long[1];
        double payloadSeconds = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            payloadBytes[0] = parsePayloadOnly(file);
            payloadSeconds = Math.min(payloadSeconds, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("the HL7 payload alone (%.1f MB of XML, StAX): %.0f MB/s%n", payloadBytes[0] / 1e6,
                payloadBytes[0] / 1e6 / payloadSeconds);
        rates.sort(null);
        System.out.printf("median %.0f MB/s, best %.0f MB/s; peak heap while parsing %.1f MB (max heap %.0f MB)%n",
                rates.get(rates.size() / 2), rates.get(rates.size() - 1), peakHeap() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** Parses the file, decoding each attachment's base64 as it streams; returns {count, decoded bytes}. */
    static long[] parse(Path file) throws IOException {
        long[] totals = new long[2];
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            Gp2gpMessage message = new MessageParser(MessageLimits.defaults()).parse(in,
                    MultipartEbxmlWriter.CONTENT_TYPE, part -> {
                        try (InputStream decoded = part.decoded()) {
                            for (int n; (n = decoded.read(buffer)) > 0; ) {
                                totals[1] += n;
                            }
                        }
                        totals[0]++;
                    });
            if (!message.errors().isEmpty()) {
                throw new IllegalStateException("The generated extract has errors: " + message.errors());
            }
        }
        return totals;
    }

    /** Reads only part 2 (the HL7 payload) with the streaming reader; returns its size in bytes. */
    static long parsePayloadOnly(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                MultipartEbxmlReader reader = MultipartEbxmlReader.open(in, MultipartEbxmlWriter.CONTENT_TYPE,
                        MessageLimits.defaults())) {
            reader.readPayload();
            return hl7Bytes;
        }
    }

    /**
     * About 30% HL7 (compositions with narrative statements) and 70% attachments of 10 MB of base64
     * each, written as the MHS adaptor does (76-character lines).
     */
    static void generate(Path file, long size) throws IOException {
        long attachmentBytes = size * 7 / 10;
        int attachments = (int) Math.max(1, attachmentBytes / (10 * 1024 * 1024));
        long perAttachment = attachmentBytes / attachments;
        long encodedLength = (perAttachment / 78) * 78;
        List<OutgoingFile> files = new ArrayList<>();
        for (int i = 0; i < attachments; i++) {
            files.add(OutgoingFile.inline("scan-" + i + ".tif", "image/tiff", encodedLength));
        }
        MessageFactory factory = new MessageFactory(Clock.systemUTC());
        Gp2gpMessage request = factory.ehrRequest("B1C2D3E4-F5A6-4B7C-8D9E-0F1A2B3C4D5E", "9990000018", REQUESTER,
                SENDER);
        Gp2gpMessage extract = factory.ehrExtract("B1C2D3E4-F5A6-4B7C-8D9E-0F1A2B3C4D5E",
                (EhrRequest) request.payload(), SENDER, REQUESTER, files);
        String hl7 = Hl7Writer.toXml(extract.payload());
        int folderEnd = hl7.indexOf("      </ehrFolder>");
        long hl7Target = size - attachments * encodedLength;
        Random random = new Random(7);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            header(out, "ebXMLHeader@spine.nhs.uk", "text/xml; charset=UTF-8", "8bit");
            out.write(EbxmlWriter.toXml(extract.envelope()).getBytes(StandardCharsets.UTF_8));
            header(out, extract.envelope().payloadReference().contentId(), "text/xml; charset=UTF-8", "8bit");
            byte[] head = hl7.substring(0, folderEnd).getBytes(StandardCharsets.UTF_8);
            out.write(head);
            long written = head.length;
            for (int n = 0; written < hl7Target; n++) {
                byte[] composition = composition(n).getBytes(StandardCharsets.UTF_8);
                out.write(composition);
                written += composition.length;
            }
            byte[] tail = hl7.substring(folderEnd).getBytes(StandardCharsets.UTF_8);
            out.write(tail);
            hl7Bytes = written + tail.length;
            byte[] raw = new byte[57 * 1024];
            Base64.Encoder encoder = Base64.getMimeEncoder();
            for (int i = 0; i < attachments; i++) {
                header(out, extract.attachments().get(i).contentId(), "image/tiff", "base64");
                long left = encodedLength;
                while (left > 0) {
                    random.nextBytes(raw);
                    byte[] encoded = encoder.encode(raw);
                    int n = (int) Math.min(left, encoded.length);
                    out.write(encoded, 0, n);
                    left -= n;
                }
            }
            out.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    static void header(OutputStream out, String contentId, String type, String encoding) throws IOException {
        out.write(("\r\n--" + BOUNDARY + "\r\nContent-Id: <" + contentId + ">\r\nContent-Type: " + type
                + "\r\nContent-Transfer-Encoding: " + encoding + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A consultation-like composition: synthetic, no patient data. */
    static String composition(int n) {
        String id = String.format("%08X-1A2B-4C3D-8E4F-%012X", n, n);
        return """
                        <component typeCode="COMP">
                          <ehrComposition classCode="COMPOSITION" moodCode="EVN">
                            <id root="%1$s"/>
                            <code code="24591000000103" codeSystem="2.16.840.1.113883.2.1.3.2.4.15" displayName="Other report"/>
                            <statusCode code="COMPLETE"/>
                            <effectiveTime><center value="20240101101500"/></effectiveTime>
                            <availabilityTime value="20240101101500"/>
                            <author typeCode="AUT" contextControlCode="OP"><time value="20240101101500"/><agentRef classCode="AGNT"><id root="%1$s"/></agentRef></author>
                            <component typeCode="COMP">
                              <ObservationStatement classCode="OBS" moodCode="EVN">
                                <id root="%1$s"/>
                                <code code="271649006" codeSystem="2.16.840.1.113883.2.1.3.2.4.15" displayName="Systolic blood pressure"/>
                                <statusCode code="COMPLETE"/>
                                <effectiveTime><center value="20240101101500"/></effectiveTime>
                                <availabilityTime value="20240101101500"/>
                                <value xsi:type="PQ" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" value="%2$d" unit="mm[Hg]"/>
                              </ObservationStatement>
                            </component>
                            <component typeCode="COMP">
                              <NarrativeStatement classCode="OBS" moodCode="EVN">
                                <id root="%1$s"/>
                                <text>Synthetic consultation note number %3$d for the benchmark.</text>
                                <statusCode code="COMPLETE"/>
                                <availabilityTime value="20240101101500"/>
                              </NarrativeStatement>
                            </component>
                          </ehrComposition>
                        </component>
                """.formatted(id, 100 + n % 60, n);
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peaks: an upper bound on the heap in use at any one time. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}

package uk.nhs.gp2gp.demo;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import uk.nhs.gp2gp.record.RecordAttachment;
import uk.nhs.gp2gp.message.AttachmentDescription;

/**
 * Synthetic GP records for the demo: test NHS numbers (999 range), made-up practices, made-up
 * clinical content. Enough structure for a real receiving system to file them.
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

    private DemoRecords() {
    }

    static String extract(String nhsNumber, String practiceOds) {
        return """
                <EhrExtract xmlns="urn:hl7-org:v3" classCode="EXTRACT" moodCode="EVN">
                  <id root="%1$s-0000-4000-8000-000000000001"/>
                  <statusCode code="COMPLETE"/>
                  <availabilityTime value="20260101090000"/>
                  <recordTarget typeCode="RCT">
                    <patient classCode="PAT"><id root="2.16.840.1.113883.2.1.4.1" extension="%2$s"/></patient>
                  </recordTarget>
                  <author typeCode="AUT">
                    <time value="20260101090000"/>
                    <AgentOrgSDS classCode="AGNT"><agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                      <id root="1.2.826.0.1285.0.1.10" extension="%3$s"/></agentOrganizationSDS></AgentOrgSDS>
                  </author>
                  <destination typeCode="DST">
                    <AgentOrgSDS classCode="AGNT"><agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                      <id root="1.2.826.0.1285.0.1.10" extension="%3$s"/></agentOrganizationSDS></AgentOrgSDS>
                  </destination>
                  <component typeCode="COMP">
                    <ehrFolder classCode="FOLDER" moodCode="EVN">
                      <id root="%1$s-0000-4000-8000-000000000002"/>
                      <statusCode code="COMPLETE"/>
                      <effectiveTime><low value="20200101000000"/><high value="20260101090000"/></effectiveTime>
                      <availabilityTime value="20260101090000"/>
                      <component typeCode="COMP">
                        <ehrComposition classCode="COMPOSITION" moodCode="EVN">
                          <id root="%1$s-0000-4000-8000-000000000003"/>
                          <code code="185317003" codeSystem="2.16.840.1.113883.2.1.3.2.4.15" displayName="Telephone encounter"/>
                          <statusCode code="COMPLETE"/>
                          <effectiveTime><center value="20251201103000"/></effectiveTime>
                          <availabilityTime value="20251201103000"/>
                          <component typeCode="COMP">
                            <NarrativeStatement classCode="OBS" moodCode="EVN">
                              <id root="%1$s-0000-4000-8000-000000000004"/>
                              <text>Synthetic demo consultation: no real patient.</text>
                              <statusCode code="COMPLETE"/>
                              <availabilityTime value="20251201103000"/>
                            </NarrativeStatement>
                          </component>
                        </ehrComposition>
                      </component>
                    </ehrFolder>
                  </component>
                  <limitation typeCode="LIMIT" inversionInd="true">
                    <limitingEhrExtractSpecification classCode="OBS" moodCode="DEF">
                      <id root="%1$s-0000-4000-8000-000000000005"/>
                      <code code="37241000000102" codeSystem="2.16.840.1.113883.2.1.3.2.4.15"
                            displayName="Entire record available to originator (administrative concept)"/>
                    </limitingEhrExtractSpecification>
                  </limitation>
                </EhrExtract>
                """.formatted("D" + nhsNumber.substring(3, 10), nhsNumber, practiceOds);
    }
}

package uk.nhs.gp2gp.message;

import static uk.nhs.gp2gp.message.Hl7Format.xml;

import java.io.IOException;
import java.io.Writer;
import uk.nhs.gp2gp.identifier.MessageIds;

/**
 * An EHR extract as the NHS sender adaptor writes it: the record's ids, patient, practices, the link
 * to the request, and one composition whose narrative statements refer to the attachments (its
 * document template). The record's other clinical content is not part of {@link EhrExtract}; a
 * stored record's own EhrExtract ({@link EhrExtract#recordXml()}) is written as it is, in the wrapper.
 */
final class EhrExtractXml {

    private static final String CONFIDENTIALITY_NOPAT = "<confidentialityCode code=\"NOPAT\" "
            + "codeSystem=\"2.16.840.1.113883.4.642.3.47\" displayName=\"no disclosure to patient, family or "
            + "caregivers without attending provider&apos;s authorization\"/>";

    private EhrExtractXml() {
    }

    static void write(EhrExtract x, Writer out) throws IOException {
        Hl7Header h = x.header();
        String time = h.creationTime();
        String agentId = MessageIds.newId();
        Hl7Writer.wrapper(h, out);
        out.write(Hl7Writer.parties(h));
        out.write(Hl7Writer.controlActStart(h.senderAsid()));
        if (x.recordXml() != null) {
            out.write("    <subject typeCode=\"SUBJ\" contextConductionInd=\"false\">\n");
            out.write(x.recordXml());
            out.write("\n    </subject>\n  </ControlActEvent>\n</" + h.interactionId() + ">\n");
            return;
        }
        out.write("""
                    <subject typeCode="SUBJ" contextConductionInd="false">
                      <EhrExtract classCode="EXTRACT" moodCode="EVN">
                        <id root="%s"/>
                        <statusCode code="COMPLETE"/>
                        <availabilityTime value="%s"/>
                        <recordTarget typeCode="RCT">
                          <patient classCode="PAT">
                            <id root="%s" extension="%s"/>
                          </patient>
                        </recordTarget>
                """.formatted(xml(x.extractId()), xml(time), Hl7Format.OID_NHS_NUMBER, xml(x.nhsNumber())));
        out.write(Hl7Writer.organisation("author", "AUT", x.sendingOds(), time));
        out.write(Hl7Writer.organisation("destination", "DST", x.requestingOds(), null));
        out.write("""
                        <component typeCode="COMP">
                          <ehrFolder classCode="FOLDER" moodCode="EVN">
                            <id root="%1$s"/>
                            <statusCode code="COMPLETE"/>
                            <effectiveTime>
                              <low value="%2$s"/>
                              <high value="%2$s"/>
                            </effectiveTime>
                            <availabilityTime value="%2$s"/>
                            <author typeCode="AUT">
                              <time value="%2$s"/>
                              <AgentOrgSDS classCode="AGNT">
                                <agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                                  <id root="%3$s" extension="%4$s"/>
                                </agentOrganizationSDS>
                              </AgentOrgSDS>
                            </author>
                            <responsibleParty typeCode="RESP">
                              <agentDirectory classCode="AGNT">
                                <part typeCode="PART">
                                  <Agent classCode="AGNT">
                                    <id root="%5$s"/>
                                    <representedOrganization classCode="ORG" determinerCode="INSTANCE">
                                      <id root="%6$s" extension="%4$s"/>
                                    </representedOrganization>
                                  </Agent>
                                </part>
                              </agentDirectory>
                            </responsibleParty>
                """.formatted(MessageIds.newId(), xml(time), Hl7Format.OID_ODS, xml(x.sendingOds()), agentId,
                Hl7Format.OID_ORGANISATION));
        composition(x, agentId, out);
        out.write("      </ehrFolder>\n    </component>\n");
        if (x.requestId() != null) {
            out.write("""
                        <inFulfillmentOf typeCode="FLFS">
                          <priorEhrRequest classCode="EXTRACT" moodCode="RQO">
                            <id root="%s"/>
                          </priorEhrRequest>
                        </inFulfillmentOf>
                    """.formatted(xml(x.requestId())));
        }
        out.write("""
                        <limitation typeCode="LIMIT" inversionInd="true">
                          <limitingEhrExtractSpecification classCode="OBS" moodCode="DEF">
                            <id root="%s"/>
                            <code code="37241000000102" codeSystem="%s" displayName="Entire record available to originator (administrative concept)"/>
                          </limitingEhrExtractSpecification>
                        </limitation>
                      </EhrExtract>
                    </subject>
                  </ControlActEvent>
                </%s>
                """.formatted(MessageIds.newId(), Hl7Format.OID_SNOMED, h.interactionId()));
    }

    /** One composition: a narrative statement per attachment, or one saying there is nothing more. */
    private static void composition(EhrExtract x, String agentId, Writer out) throws IOException {
        String time = xml(x.header().creationTime());
        boolean redacted = x.redacted() && Interaction.EHR_EXTRACT_UK07.id().equals(x.header().interactionId());
        out.write("""
                        <component typeCode="COMP">
                          <ehrComposition classCode="COMPOSITION" moodCode="EVN">
                            <id root="%1$s"/>
                            <code code="24591000000103" codeSystem="%2$s" displayName="Other report"/>
                            <statusCode code="COMPLETE"/>
                            <effectiveTime>
                              <center value="%3$s"/>
                            </effectiveTime>
                            <availabilityTime value="%3$s"/>
                %4$s            <author typeCode="AUT" contextControlCode="OP">
                              <time value="%3$s"/>
                              <agentRef classCode="AGNT">
                                <id root="%5$s"/>
                              </agentRef>
                            </author>
                """.formatted(MessageIds.newId(), Hl7Format.OID_SNOMED, time,
                redacted ? "            " + CONFIDENTIALITY_NOPAT + "\n" : "", agentId));
        if (x.documents().isEmpty()) {
            statement("Transferred by GP2GP Hub", time, null, out);
        }
        for (DocumentReference d : x.documents()) {
            statement(d.skeleton() ? "Skeleton statement" : d.fileName(), time, d, out);
        }
        out.write("          </ehrComposition>\n        </component>\n");
    }

    private static void statement(String text, String time, DocumentReference d, Writer out) throws IOException {
        out.write("""
                            <component typeCode="COMP">
                              <NarrativeStatement classCode="OBS" moodCode="EVN">
                                <id root="%s"/>
                                <text>%s</text>
                                <statusCode code="COMPLETE"/>
                                <availabilityTime value="%s"/>
                """.formatted(MessageIds.newId(), xml(text), time));
        if (d != null) {
            // The skeleton's reference is the adaptor's; other documents are coded as the real extracts code them.
            String code = d.skeleton()
                    ? "<code code=\"" + DocumentReference.SKELETON_CODE + "\" codeSystem=\"" + Hl7Format.OID_SNOMED
                            + "\" displayName=\"EDI messages\"><originalText>Original RCMR_IN03 EhrExtract message"
                            + "</originalText></code>"
                    : "<code code=\"9b36.00\" codeSystem=\"2.16.840.1.113883.2.1.6.10\" "
                            + "displayName=\"Other digital signal\"><originalText>Other Attachment</originalText></code>";
            out.write("""
                                    <reference typeCode="REFR">
                                      <referredToExternalDocument classCode="DOC" moodCode="EVN">
                                        <id root="%s"/>
                                        %s
                                        <text mediaType="%s">
                                          <reference value="%s"/>
                                        </text>
                                      </referredToExternalDocument>
                                    </reference>
                    """.formatted(xml(d.documentId()), code, xml(d.mediaType()), xml(d.reference())));
        }
        out.write("              </NarrativeStatement>\n            </component>\n");
    }
}

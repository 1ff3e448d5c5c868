package uk.nhs.gp2gp.message;

import static uk.nhs.gp2gp.message.Hl7Format.xml;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes an HL7 payload record as XML with the structure of the NHS adaptors' messages (the
 * fixtures'); what the record does not hold (an extract's clinical content) is written minimal but
 * schema-valid. Streams to a {@link Writer}.
 */
public final class Hl7Writer {

    private Hl7Writer() {
    }

    public static String toXml(Hl7Message message) {
        StringWriter out = new StringWriter(4096);
        write(message, out);
        return out.toString();
    }

    public static void write(Hl7Message message, Writer out) {
        try {
            switch (message) {
                case EhrRequest r -> request(r, out);
                case EhrExtract x -> EhrExtractXml.write(x, out);
                case Acknowledgement a -> acknowledgement(a, out);
                case CopcMessage c -> CopcXml.write(c, out);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void request(EhrRequest r, Writer out) throws IOException {
        wrapper(r.header(), out);
        out.write(parties(r.header()));
        out.write(controlActStart(r.header().senderAsid()));
        out.write("""
                    <subject typeCode="SUBJ" contextConductionInd="false">
                      <EhrRequest classCode="EXTRACT" moodCode="RQO">
                        <id root="%s"/>
                        <recordTarget typeCode="RCT">
                          <patient classCode="PAT">
                            <id root="%s" extension="%s"/>
                          </patient>
                        </recordTarget>
                """.formatted(xml(r.requestId()), Hl7Format.OID_NHS_NUMBER, xml(r.nhsNumber())));
        out.write(organisation("author", "AUT", r.requestingOds(), null));
        out.write(organisation("destination", "DST", r.sendingOds(), null));
        out.write("""
                      </EhrRequest>
                    </subject>
                  </ControlActEvent>
                </%s>
                """.formatted(r.header().interactionId()));
    }

    /** Negative acknowledgements carry their reason in both places receivers read it (protocol 3.5). */
    private static void acknowledgement(Acknowledgement a, Writer out) throws IOException {
        wrapper(a.header(), out);
        out.write("  <acknowledgement typeCode=\"" + (a.type() == null ? "" : a.type().name()) + "\">\n");
        if (a.detailReason() != null) {
            out.write("""
                        <acknowledgementDetail typeCode="ER">
                          <code code="%s" codeSystem="%s" displayName="%s"/>
                        </acknowledgementDetail>
                    """.formatted(xml(a.detailReason().code()), Hl7Format.OID_REASON, xml(a.detailReason().text())));
        }
        out.write("""
                    <messageRef>
                      <id root="%s"/>
                    </messageRef>
                  </acknowledgement>
                """.formatted(xml(a.refersTo())));
        out.write(parties(a.header()));
        out.write(controlActStart(a.header().senderAsid()));
        if (a.issueReason() != null) {
            out.write("""
                        <reason typeCode="RSON">
                          <justifyingDetectedIssueEvent classCode="ALRT" moodCode="EVN">
                            <code code="%s" codeSystem="%s" displayName="%s">
                              <qualifier inverted="false">
                                <value code="ER" codeSystem="%s"/>
                              </qualifier>
                            </code>
                          </justifyingDetectedIssueEvent>
                        </reason>
                    """.formatted(xml(a.issueReason().code()), Hl7Format.OID_REASON, xml(a.issueReason().text()),
                    Hl7Format.OID_REASON_QUALIFIER));
        }
        out.write("  </ControlActEvent>\n</" + a.header().interactionId() + ">\n");
    }

    /** The transmission wrapper up to acceptAckCode. */
    static void wrapper(Hl7Header h, Writer out) throws IOException {
        out.write("""
                <%1$s xmlns="urn:hl7-org:v3">
                  <id root="%2$s"/>
                  <creationTime value="%3$s"/>
                  <versionCode code="%4$s"/>
                  <interactionId root="%5$s" extension="%1$s"/>
                  <processingCode code="P"/>
                  <processingModeCode code="T"/>
                  <acceptAckCode code="NE"/>
                """.formatted(h.interactionId(), xml(h.messageId()), xml(h.creationTime()), xml(h.versionCode()),
                Hl7Format.OID_INTERACTION));
    }

    /** The receiving and sending systems: from this message's point of view (protocol 3.2). */
    static String parties(Hl7Header h) {
        return """
                  <communicationFunctionRcv typeCode="RCV">
                    <device classCode="DEV" determinerCode="INSTANCE">
                      <id root="%1$s" extension="%2$s"/>
                    </device>
                  </communicationFunctionRcv>
                  <communicationFunctionSnd typeCode="SND">
                    <device classCode="DEV" determinerCode="INSTANCE">
                      <id root="%1$s" extension="%3$s"/>
                    </device>
                  </communicationFunctionSnd>
                """.formatted(Hl7Format.OID_ASID, xml(h.receiverAsid()), xml(h.senderAsid()));
    }

    /** The control act's opening with the authoring system (the sender's ASID). */
    static String controlActStart(String senderAsid) {
        return """
                  <ControlActEvent classCode="CACT" moodCode="EVN">
                    <author1 typeCode="AUT">
                      <AgentSystemSDS classCode="AGNT">
                        <agentSystemSDS classCode="DEV" determinerCode="INSTANCE">
                          <id root="%s" extension="%s"/>
                        </agentSystemSDS>
                      </AgentSystemSDS>
                    </author1>
                """.formatted(Hl7Format.OID_ASID, xml(senderAsid));
    }

    /** An author or destination practice; an unknown one is written as the real extracts do (UNK). */
    static String organisation(String element, String typeCode, String odsCode, String time) {
        String id = odsCode == null ? "<id nullFlavor=\"UNK\"/>"
                : "<id root=\"" + Hl7Format.OID_ODS + "\" extension=\"" + xml(odsCode) + "\"/>";
        return """
                        <%1$s typeCode="%2$s">
                %3$s          <AgentOrgSDS classCode="AGNT">
                            <agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                              %4$s
                            </agentOrganizationSDS>
                          </AgentOrgSDS>
                        </%1$s>
                """.formatted(element, typeCode, time == null ? "" : "          <time value=\"" + xml(time) + "\"/>\n",
                id);
    }
}

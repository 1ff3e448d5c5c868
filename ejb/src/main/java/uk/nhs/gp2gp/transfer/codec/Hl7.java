package uk.nhs.gp2gp.transfer.codec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The fixed parts of the HL7 and ebXML messages we write: OIDs, formats and escaping. */
final class Hl7 {

    static final String NAMESPACE = "urn:hl7-org:v3";
    static final String OID_INTERACTION = "2.16.840.1.113883.2.1.3.2.4.12";
    static final String OID_ASID = "1.2.826.0.1285.0.2.0.107";
    static final String OID_ODS = "1.2.826.0.1285.0.1.10";
    static final String OID_NHS_NUMBER = "2.16.840.1.113883.2.1.4.1";
    static final String OID_REASON = "2.16.840.1.113883.2.1.3.2.4.17.101";
    static final String OID_REASON_QUALIFIER = "2.16.840.1.113883.2.1.3.2.4.17.104";

    private static final DateTimeFormatter HL7_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EBXML_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Hl7() {
    }

    static String hl7Time(Instant instant) {
        return HL7_TIME.format(instant);
    }

    static String ebxmlTime(Instant instant) {
        return EBXML_TIME.format(instant);
    }

    /** Escapes text for an XML attribute or element. */
    static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The transmission wrapper's opening: id, time, interaction, receiver and sender systems. */
    static String wrapperStart(String interactionId, String messageId, Instant now, String versionCode,
            String receiverAsid, String senderAsid) {
        return """
                <%1$s xmlns="urn:hl7-org:v3">
                  <id root="%2$s"/>
                  <creationTime value="%3$s"/>
                  <versionCode code="%4$s"/>
                  <interactionId root="%5$s" extension="%1$s"/>
                  <processingCode code="P"/>
                  <processingModeCode code="T"/>
                  <acceptAckCode code="NE"/>
                """.formatted(interactionId, messageId, hl7Time(now), versionCode, OID_INTERACTION)
                + wrapperParties(receiverAsid, senderAsid);
    }

    /** The receiving and sending systems of a message (its ASIDs). */
    static String wrapperParties(String receiverAsid, String senderAsid) {
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
                """.formatted(OID_ASID, xml(receiverAsid), xml(senderAsid));
    }

    /** The control act's opening with the authoring system. */
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
                """.formatted(OID_ASID, xml(senderAsid));
    }

    /** An author or destination practice inside an EhrRequest or EhrExtract. */
    static String organisation(String element, String typeCode, String odsCode) {
        return """
                        <%1$s typeCode="%2$s">
                          <AgentOrgSDS classCode="AGNT">
                            <agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                              <id root="%3$s" extension="%4$s"/>
                            </agentOrganizationSDS>
                          </AgentOrgSDS>
                        </%1$s>
                """.formatted(element, typeCode, OID_ODS, xml(odsCode));
    }
}

package uk.nhs.gp2gp.transfer.codec;

import java.time.Instant;
import uk.nhs.gp2gp.message.Hl7Format;

/** The workflow's message templates: wrapper, control act, practices (OIDs, times and escaping from Hl7Format). */
final class Hl7 {

    static final String NAMESPACE = "urn:hl7-org:v3";
    static final String OID_INTERACTION = Hl7Format.OID_INTERACTION;
    static final String OID_ASID = Hl7Format.OID_ASID;
    static final String OID_ODS = Hl7Format.OID_ODS;
    static final String OID_NHS_NUMBER = Hl7Format.OID_NHS_NUMBER;
    static final String OID_REASON = Hl7Format.OID_REASON;
    static final String OID_REASON_QUALIFIER = Hl7Format.OID_REASON_QUALIFIER;

    private Hl7() {
    }

    static String hl7Time(Instant instant) {
        return Hl7Format.hl7Time(instant);
    }

    static String ebxmlTime(Instant instant) {
        return Hl7Format.ebxmlTime(instant);
    }

    static String xml(String text) {
        return Hl7Format.xml(text);
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

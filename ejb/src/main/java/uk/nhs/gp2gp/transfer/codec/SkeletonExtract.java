package uk.nhs.gp2gp.transfer.codec;

import static uk.nhs.gp2gp.transfer.codec.Hl7.xml;

import uk.nhs.gp2gp.identifier.MessageIds;

/**
 * The skeleton sent in place of an extract too big for one message (protocol 2.3): a valid EhrExtract
 * about the same patient from the same practice, whose one composition holds a "Skeleton statement"
 * referring to the original extract, which follows, gzipped, as an external attachment. The ids,
 * the link to the request and the destination are set by {@link ExtractRewriter} as for any extract.
 */
final class SkeletonExtract {

    private SkeletonExtract() {
    }

    static String of(String nhsNumber, String senderOds, String originalPartId) {
        return """
                <EhrExtract xmlns="urn:hl7-org:v3" classCode="EXTRACT" moodCode="EVN">
                  <id root="%4$s"/>
                  <statusCode code="COMPLETE"/>
                  <recordTarget typeCode="RCT">
                    <patient classCode="PAT"><id root="%1$s" extension="%2$s"/></patient>
                  </recordTarget>
                  <author typeCode="AUT">
                    <AgentOrgSDS classCode="AGNT"><agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                      <id root="%3$s" extension="%5$s"/></agentOrganizationSDS></AgentOrgSDS>
                  </author>
                  <destination typeCode="DST">
                    <AgentOrgSDS classCode="AGNT"><agentOrganizationSDS classCode="ORG" determinerCode="INSTANCE">
                      <id root="%3$s" extension="%5$s"/></agentOrganizationSDS></AgentOrgSDS>
                  </destination>
                  <component typeCode="COMP">
                    <ehrFolder classCode="FOLDER" moodCode="EVN">
                      <id root="%6$s"/>
                      <statusCode code="COMPLETE"/>
                      <component typeCode="COMP">
                        <ehrComposition classCode="COMPOSITION" moodCode="EVN">
                          <id root="%7$s"/>
                          <statusCode code="COMPLETE"/>
                          <component typeCode="COMP">
                            <NarrativeStatement classCode="OBS" moodCode="EVN">
                              <id root="%8$s"/>
                              <text>Skeleton statement</text>
                              <statusCode code="COMPLETE"/>
                              <reference typeCode="REFR">
                                <referredToExternalDocument classCode="DOC" moodCode="EVN">
                                  <id root="%9$s"/>
                                  <code code="24891000000101" codeSystem="2.16.840.1.113883.2.1.3.2.4.15"
                                        displayName="EDI messages">
                                    <originalText>Original RCMR_IN03 EhrExtract message</originalText>
                                  </code>
                                  <text mediaType="text/xml">
                                    <reference value="file://localhost/_%9$s_RCMR_IN030000UK06.xml.gz"/>
                                  </text>
                                </referredToExternalDocument>
                              </reference>
                            </NarrativeStatement>
                          </component>
                        </ehrComposition>
                      </component>
                    </ehrFolder>
                  </component>
                  <limitation typeCode="LIMIT" inversionInd="true"/>
                </EhrExtract>""".formatted(Hl7.OID_NHS_NUMBER, xml(nhsNumber), Hl7.OID_ODS, MessageIds.newId(),
                xml(senderOds), MessageIds.newId(), MessageIds.newId(), MessageIds.newId(), xml(originalPartId));
    }
}

package uk.nhs.gp2gp.message;

import static uk.nhs.gp2gp.message.Hl7Format.xml;

import java.io.IOException;
import java.io.Writer;

/**
 * A COPC as the NHS adaptors write it: a continue request (with its embedded acknowledgement of
 * the extract) or an attachment message (fragment or fragment index, named by its file).
 */
final class CopcXml {

    private CopcXml() {
    }

    static void write(CopcMessage c, Writer out) throws IOException {
        boolean isContinue = c.kind() == CopcMessage.Kind.CONTINUE_REQUEST;
        Hl7Writer.wrapper(c.header(), out);
        out.write(Hl7Writer.parties(c.header()));
        out.write(Hl7Writer.controlActStart(c.header().senderAsid()));
        out.write("""
                    <subject typeCode="SUBJ" contextConductionInd="false">
                      <PayloadInformation classCode="OBS" moodCode="EVN" xmlns:gp="urn:nhs:names:services:gp2gp" xmlns:npfitlc="NPFIT:HL7:Localisation">
                        <code code="%s" codeSystem="%s" displayName="%s"/>
                        <id root="%s"/>
                        <npfitlc:messageType root="%s" extension="%s"/>
                        <value>
                          <gp:Gp2gpfragment>
                            <gp:Version>01</gp:Version>
                            <gp:Recipients>
                """.formatted(isContinue ? "GP2GP_PI" : "GP2GPLMATTACHMENTINFO", Hl7Format.OID_COPC_CODES,
                isContinue ? "GP2GP Payload Information" : "GP2GP Large Message Attachment Information",
                xml(c.payloadId()), Hl7Format.OID_MESSAGE_TYPE, isContinue ? "RCMR_MT000002GB01" : "RCMR_MT000001GB01"));
        for (String recipient : c.recipientOds()) {
            out.write("              <gp:Recipient>" + xml(recipient) + "</gp:Recipient>\n");
        }
        out.write("""
                              </gp:Recipients>
                              <gp:From>%s</gp:From>
                              <gp:subject>%s</gp:subject>
                              <gp:message-id>%s</gp:message-id>
                            </gp:Gp2gpfragment>
                          </value>
                          <pertinentInformation typeCode="PERT">
                            <sequenceNumber value="1"/>
                            <pertinentPayloadBody classCode="OBS" moodCode="EVN">
                              <code code="%s" codeSystem="%s" displayName="%s"/>
                              <id root="%s"/>
                              <value>
                """.formatted(xml(c.fromOds()), xml(c.subject()), xml(c.payloadId()),
                isContinue ? "GP2GP_PB" : "GP2GPLMATTACHMENT", Hl7Format.OID_COPC_CODES,
                isContinue ? "GP2GP Payload Body" : "GP2GP Large Message Attachment", xml(c.payloadId())));
        if (isContinue) {
            continueAcknowledgement(c, out);
        } else {
            out.write("                <reference value=\"" + xml(c.fileName()) + "\"/>\n");
        }
        out.write("""
                            </value>
                          </pertinentPayloadBody>
                        </pertinentInformation>
                      </PayloadInformation>
                    </subject>
                  </ControlActEvent>
                </%s>
                """.formatted(c.header().interactionId()));
    }

    /** The requester's acknowledgement of the extract, code 0 "Continue" (protocol 3.6). */
    private static void continueAcknowledgement(CopcMessage c, Writer out) throws IOException {
        Hl7Header h = c.header();
        out.write("""
                                <gp:Gp2gpfragment>
                                  <Message type="Message">
                                    <id root="%1$s"/>
                                    <code code="%2$s" codeSystem="%3$s" displayName="Continue"/>
                                    <creationTime value="%4$s"/>
                                    <versionCode code="V3NPfIT3.1.09"/>
                                    <interactionId root="%5$s" extension="%8$s"/>
                                    <processingCode code="P"/>
                                    <processingModeCode code="T"/>
                                    <acceptAckCode code="NE"/>
                                    <acknowledgement typeCode="AA">
                                      <acknowledgementDetail typeCode="IF">
                                        <code code="%2$s" codeSystem="%3$s" displayName="Continue"/>
                                      </acknowledgementDetail>
                                      <messageRef>
                                        <id root="%6$s"/>
                                      </messageRef>
                                    </acknowledgement>
                %7$s                  </Message>
                                  <gp:acknowledgedMessage>
                                    <gp:id root="%6$s"/>
                                  </gp:acknowledgedMessage>
                                </gp:Gp2gpfragment>
                """.formatted(xml(c.payloadId()), c.continueCode() == null ? "0" : xml(c.continueCode()),
                Hl7Format.OID_REASON, xml(h.creationTime()), Hl7Format.OID_INTERACTION,
                xml(c.acknowledgedMessageId()), Hl7Writer.parties(h), Interaction.ACKNOWLEDGEMENT.id()));
    }
}

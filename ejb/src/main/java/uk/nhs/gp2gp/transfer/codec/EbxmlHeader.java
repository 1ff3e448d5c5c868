package uk.nhs.gp2gp.transfer.codec;

import static uk.nhs.gp2gp.transfer.codec.Hl7.xml;

import java.time.Instant;
import java.util.List;
import uk.nhs.gp2gp.transfer.ExternalPart;
import uk.nhs.gp2gp.transfer.InlineAttachment;
import uk.nhs.gp2gp.transfer.Party;

/** The ebXML SOAP envelope that carries every GP2GP message, as the MHS adaptor writes it. */
final class EbxmlHeader {

    static final String SERVICE = "urn:nhs:names:services:gp2gp";

    private EbxmlHeader() {
    }

    static String of(Party from, Party to, String conversationId, String interactionId, String messageId,
            Instant now, List<InlineAttachment> attachments, List<ExternalPart> external) {
        return """
                <SOAP:Envelope xmlns:SOAP="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:eb="http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd" \
                xmlns:hl7ebxml="urn:hl7-org:transport/ebxml/DSTUv1.0" xmlns:xlink="http://www.w3.org/1999/xlink">
                 <SOAP:Header>
                  <eb:MessageHeader SOAP:mustUnderstand="1" eb:version="2.0">
                   <eb:From><eb:PartyId eb:type="urn:nhs:names:partyType:ocs+serviceInstance">%1$s</eb:PartyId></eb:From>
                   <eb:To><eb:PartyId eb:type="urn:nhs:names:partyType:ocs+serviceInstance">%2$s</eb:PartyId></eb:To>
                   <eb:CPAId>%3$s</eb:CPAId>
                   <eb:ConversationId>%4$s</eb:ConversationId>
                   <eb:Service>%5$s</eb:Service>
                   <eb:Action>%6$s</eb:Action>
                   <eb:MessageData><eb:MessageId>%7$s</eb:MessageId><eb:Timestamp>%8$s</eb:Timestamp></eb:MessageData>
                   <eb:DuplicateElimination/>
                  </eb:MessageHeader>
                  <eb:AckRequested SOAP:mustUnderstand="1" eb:version="2.0" eb:signed="false" \
                SOAP:actor="urn:oasis:names:tc:ebxml-msg:actor:nextMSH"/>
                 </SOAP:Header>
                 <SOAP:Body>
                  <eb:Manifest SOAP:mustUnderstand="1" eb:version="2.0">
                   <eb:Reference xlink:href="cid:%7$s@spine.nhs.uk">
                    <eb:Schema eb:location="http://www.nhsia.nhs.uk/schemas/HL7-Message.xsd" eb:version="1.0"/>
                    <eb:Description xml:lang="en">HL7 payload</eb:Description>
                    <hl7ebxml:Payload style="HL7" encoding="XML" version="3.0"/>
                   </eb:Reference>
                %9$s  </eb:Manifest>
                 </SOAP:Body>
                </SOAP:Envelope>""".formatted(xml(from.partyKey()), xml(to.partyKey()),
                xml(cpaId(from, to, interactionId)), xml(conversationId), SERVICE, xml(interactionId),
                xml(messageId), Hl7.ebxmlTime(now), references(attachments) + externalReferences(external));
    }

    /** One manifest reference per attachment carried in the message, with its GP2GP description. */
    private static String references(List<InlineAttachment> attachments) {
        StringBuilder out = new StringBuilder();
        for (InlineAttachment a : attachments) {
            out.append("   <eb:Reference xlink:href=\"cid:").append(xml(a.contentId())).append("\">\n")
                    .append("    <eb:Description xml:lang=\"en\">").append(xml(a.description()))
                    .append("</eb:Description>\n   </eb:Reference>\n");
        }
        return out.toString();
    }

    /** One manifest reference per attachment sent later in a COPC of its own (mid:). */
    private static String externalReferences(List<ExternalPart> external) {
        StringBuilder out = new StringBuilder();
        for (ExternalPart part : external) {
            out.append("   <eb:Reference xlink:href=\"mid:").append(xml(part.messageId())).append("\">\n")
                    .append("    <eb:Description xml:lang=\"en\">").append(xml(part.description()))
                    .append("</eb:Description>\n   </eb:Reference>\n");
        }
        return out.toString();
    }

    /** SDS would give the contract id; on the loopback spine a stable id per route stands in for it. */
    private static String cpaId(Party from, Party to, String interactionId) {
        return "S" + Integer.toHexString((from.partyKey() + to.partyKey() + interactionId).hashCode()).toUpperCase();
    }
}

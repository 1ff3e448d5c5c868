package uk.nhs.gp2gp.message;

import static uk.nhs.gp2gp.message.Hl7Format.xml;

/** Writes the ebXML SOAP envelope as the MHS adaptor does (protocol 8.3). */
public final class EbxmlWriter {

    private static final String PARTY_TYPE = "urn:nhs:names:partyType:ocs+serviceInstance";

    private EbxmlWriter() {
    }

    public static String toXml(EbxmlEnvelope e) {
        StringBuilder out = new StringBuilder(2048);
        out.append("""
                <SOAP:Envelope xmlns:SOAP="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:eb="http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd" \
                xmlns:hl7ebxml="urn:hl7-org:transport/ebxml/DSTUv1.0" xmlns:xlink="http://www.w3.org/1999/xlink">
                 <SOAP:Header>
                  <eb:MessageHeader SOAP:mustUnderstand="1" eb:version="2.0">
                   <eb:From><eb:PartyId eb:type="%1$s">%2$s</eb:PartyId></eb:From>
                   <eb:To><eb:PartyId eb:type="%1$s">%3$s</eb:PartyId></eb:To>
                   <eb:CPAId>%4$s</eb:CPAId>
                   <eb:ConversationId>%5$s</eb:ConversationId>
                   <eb:Service>%6$s</eb:Service>
                   <eb:Action>%7$s</eb:Action>
                   <eb:MessageData>
                    <eb:MessageId>%8$s</eb:MessageId>
                    <eb:Timestamp>%9$s</eb:Timestamp>
                """.formatted(PARTY_TYPE, xml(e.fromPartyId()), xml(e.toPartyId()), xml(e.cpaId()),
                xml(e.conversationId()), xml(e.service()), xml(e.action()), xml(e.messageId()), xml(e.timestamp())));
        if (e.refToMessageId() != null) {
            out.append("    <eb:RefToMessageId>").append(xml(e.refToMessageId())).append("</eb:RefToMessageId>\n");
        }
        out.append("   </eb:MessageData>\n");
        if (e.duplicateElimination()) {
            out.append("   <eb:DuplicateElimination/>\n");
        }
        out.append("  </eb:MessageHeader>\n");
        if (e.ackRequested()) {
            out.append("  <eb:AckRequested SOAP:mustUnderstand=\"1\" eb:version=\"2.0\" eb:signed=\"false\" "
                    + "SOAP:actor=\"urn:oasis:names:tc:ebxml-msg:actor:nextMSH\"/>\n");
        }
        out.append(" </SOAP:Header>\n <SOAP:Body>\n  <eb:Manifest SOAP:mustUnderstand=\"1\" eb:version=\"2.0\">\n");
        for (ManifestReference r : e.references()) {
            out.append("   <eb:Reference xlink:href=\"").append(xml(r.href())).append('"');
            if (r.documentId() != null) {
                out.append(" eb:id=\"").append(xml(r.documentId())).append('"');
            }
            out.append(">\n");
            if (r.hl7Payload()) {
                out.append("    <eb:Schema eb:location=\"http://www.nhsia.nhs.uk/schemas/HL7-Message.xsd\" "
                        + "eb:version=\"1.0\"/>\n");
            }
            if (r.description() != null) {
                out.append("    <eb:Description xml:lang=\"en\">").append(xml(r.description()))
                        .append("</eb:Description>\n");
            }
            if (r.hl7Payload()) {
                out.append("    <hl7ebxml:Payload style=\"HL7\" encoding=\"XML\" version=\"3.0\"/>\n");
            }
            out.append("   </eb:Reference>\n");
        }
        out.append("  </eb:Manifest>\n </SOAP:Body>\n</SOAP:Envelope>\n");
        return out.toString();
    }
}

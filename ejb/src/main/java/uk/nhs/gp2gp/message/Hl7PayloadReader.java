package uk.nhs.gp2gp.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an HL7 payload into its record in one streaming pass (protocol 3.2 to 3.6). Only the
 * fields the transfer needs are kept; the rest of the document is only walked through.
 */
final class Hl7PayloadReader {

    static final String NAMESPACE = "urn:hl7-org:v3";

    private static final String REQUEST = "ControlActEvent/subject/EhrRequest/";
    private static final String EXTRACT = "ControlActEvent/subject/EhrExtract/";
    private static final String ORGANISATION = "/AgentOrgSDS/agentOrganizationSDS/id@extension";
    private static final String PAYLOAD_INFO = "ControlActEvent/subject/PayloadInformation/";
    private static final String FRAGMENT = PAYLOAD_INFO + "value/Gp2gpfragment/";
    private static final String BODY = PAYLOAD_INFO + "pertinentInformation/pertinentPayloadBody/value/";
    private static final String CONTINUE_ACK = BODY + "Gp2gpfragment/Message/acknowledgement/";

    private Hl7PayloadReader() {
    }

    /** The paths to keep for a payload of this interaction. */
    static XmlFieldReader.Plan plan(Interaction interaction) {
        PathTrie paths = new PathTrie()
                .capture("messageId", "id@root")
                .capture("creationTime", "creationTime@value")
                .capture("versionCode", "versionCode@code")
                .capture("interactionId", "interactionId@extension")
                .capture("receiverAsid", "communicationFunctionRcv/device/id@extension")
                .capture("senderAsid", "communicationFunctionSnd/device/id@extension");
        return switch (interaction) {
            case EHR_REQUEST -> new XmlFieldReader.Plan(paths
                    .capture("requestId", REQUEST + "id@root")
                    .capture("nhsNumber", REQUEST + "recordTarget/patient/id@extension")
                    .capture("requestingOds", REQUEST + "author" + ORGANISATION)
                    .capture("sendingOds", REQUEST + "destination" + ORGANISATION), null);
            case EHR_EXTRACT, EHR_EXTRACT_UK07 -> new XmlFieldReader.Plan(paths
                    .capture("extractId", EXTRACT + "id@root")
                    .capture("nhsNumber", EXTRACT + "recordTarget/patient/id@extension")
                    .capture("sendingOds", EXTRACT + "author" + ORGANISATION)
                    .capture("requestingOds", EXTRACT + "destination" + ORGANISATION)
                    .capture("requestId", EXTRACT + "inFulfillmentOf/priorEhrRequest/id@root"),
                    new ExtractDocumentsWatcher());
            case ACKNOWLEDGEMENT -> new XmlFieldReader.Plan(paths
                    .capture("typeCode", "acknowledgement@typeCode")
                    .capture("refersTo", "acknowledgement/messageRef/id@root")
                    .capture("detailCode", "acknowledgement/acknowledgementDetail/code@code")
                    .capture("detailText", "acknowledgement/acknowledgementDetail/code@displayName")
                    .capture("issueCode", "ControlActEvent/reason/justifyingDetectedIssueEvent/code@code")
                    .capture("issueText", "ControlActEvent/reason/justifyingDetectedIssueEvent/code@displayName"),
                    null);
            case COPC -> new XmlFieldReader.Plan(paths
                    .capture("kind", PAYLOAD_INFO + "code@code")
                    .capture("payloadId", PAYLOAD_INFO + "id@root")
                    .capture("fromOds", FRAGMENT + "From#text")
                    .capture("recipientOds", FRAGMENT + "Recipients/Recipient#text")
                    .capture("subject", FRAGMENT + "subject#text")
                    .capture("fileName", BODY + "reference@value")
                    .capture("acknowledgedMessageId", CONTINUE_ACK + "messageRef/id@root")
                    .capture("acknowledgedMessageId", BODY + "Gp2gpfragment/acknowledgedMessage/id@root")
                    .capture("continueCode", CONTINUE_ACK + "acknowledgementDetail/code@code"), null);
        };
    }

    /** The record for what was read; {@code plan} is the one {@link #plan} gave for this document. */
    static Hl7Message toRecord(Interaction interaction, XmlFieldReader.Fields f, XmlFieldReader.Plan plan) {
        // The record carries the interaction the root element names; notes() says if interactionId disagrees.
        Hl7Header header = new Hl7Header(interaction.id(), f.first("messageId"), f.first("creationTime"),
                f.first("versionCode"), f.first("receiverAsid"), f.first("senderAsid"));
        return switch (interaction) {
            case EHR_REQUEST -> new EhrRequest(header, f.first("requestId"), f.first("nhsNumber"),
                    f.first("requestingOds"), f.first("sendingOds"));
            case EHR_EXTRACT, EHR_EXTRACT_UK07 -> {
                ExtractDocumentsWatcher documents = (ExtractDocumentsWatcher) plan.watcher();
                yield new EhrExtract(header, f.first("extractId"), f.first("nhsNumber"), f.first("sendingOds"),
                        f.first("requestingOds"), f.first("requestId"), documents.documents(), documents.redacted(), null);
            }
            case ACKNOWLEDGEMENT -> new Acknowledgement(header,
                    Acknowledgement.Type.of(f.first("typeCode")).orElse(null), f.first("refersTo"),
                    reason(f.first("issueCode"), f.first("issueText")),
                    reason(f.first("detailCode"), f.first("detailText")));
            case COPC -> new CopcMessage(header, copcKind(f), f.first("payloadId"), f.first("fromOds"),
                    f.all("recipientOds"), f.first("subject"), f.first("fileName"), f.first("acknowledgedMessageId"),
                    f.first("continueCode"));
        };
    }

    /** What the reader noticed beyond the fields: the namespace, an interactionId that disagrees. */
    static List<Violation> notes(Interaction interaction, XmlFieldReader.Fields f, String part) {
        List<Violation> notes = new ArrayList<>();
        if (!NAMESPACE.equals(f.rootNamespace())) {
            notes.add(Violation.error("payload", "/" + f.root(), "the HL7 payload is not in the " + NAMESPACE
                    + " namespace", "root element " + interaction.id() + " in namespace " + NAMESPACE,
                    interaction.unprocessableCode()));
        }
        String said = f.first("interactionId");
        if (said == null) {
            notes.add(Violation.warning("interactionId", "/" + f.root() + "/interactionId/@extension",
                    "missing; the root element names the interaction"));
        } else if (!said.equals(interaction.id())) {
            notes.add(Violation.error("interactionId", "/" + f.root() + "/interactionId/@extension",
                    "says " + said + " but the root element is " + interaction.id(), interaction.id(),
                    interaction.unprocessableCode()));
        }
        return notes;
    }

    private static AckReason reason(String code, String text) {
        return code == null && text == null ? null : new AckReason(code, text);
    }

    /**
     * Continue request or attachment. The payload code alone cannot say it: Vision sends attachments
     * with GP2GP_PI, the continue's code. The NHS sender adaptor looks for the continue's subject.
     */
    private static CopcMessage.Kind copcKind(XmlFieldReader.Fields f) {
        String subject = f.first("subject");
        if (subject != null && subject.contains(CopcMessage.CONTINUE_SUBJECT) || f.first("acknowledgedMessageId") != null) {
            return CopcMessage.Kind.CONTINUE_REQUEST;
        }
        String code = f.first("kind");
        boolean known = CopcMessage.Kind.ATTACHMENT.code().equals(code)
                || CopcMessage.Kind.CONTINUE_REQUEST.code().equals(code);
        return known || subject != null || f.first("fileName") != null ? CopcMessage.Kind.ATTACHMENT : null;
    }
}

package uk.nhs.gp2gp.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.nhs.gp2gp.identifier.NhsNumber;

/**
 * Checks a read message against what GP2GP requires (protocol 3): each fault names the field, where
 * it is, what was expected and, where the protocol gives one, the reason code to NACK it with.
 * Errors mean a receiver could not process the message; warnings are what real senders get wrong
 * and receivers live with (placeholder NHS numbers in test extracts, ids that are not UUIDs).
 */
public final class MessageValidator {

    /** The most attachments one message carries inline (EIS: 100 MIME parts with envelope and payload). */
    public static final int MAX_INLINE_ATTACHMENTS = 98;

    private static final Pattern UUID = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern ODS = Pattern.compile("[A-Za-z0-9]{3,8}");
    /** A Spine ASID: 12 digits. */
    private static final Pattern ASID = Pattern.compile("\\d{12}");
    /**
     * The longest party key a request may give: the transfer keeps it to answer to (V11,
     * partner_party_key varchar(40)). Spine's are ODS-digits, far shorter (YGM24-820388).
     */
    public static final int MAX_PARTY_KEY = 40;
    private static final Pattern HL7_TIME = Pattern.compile("\\d{8,17}");
    private static final Pattern EBXML_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*");
    private static final Pattern TEMPLATE = Pattern.compile(".*\\{\\{.*}}.*");

    private static final String REQUEST = "/" + Interaction.EHR_REQUEST.id() + "/ControlActEvent/subject/EhrRequest/";
    private static final String EXTRACT = "/ControlActEvent/subject/EhrExtract/";
    private static final String ORG = "/AgentOrgSDS/agentOrganizationSDS/id/@extension";
    private static final String ACK = "/" + Interaction.ACKNOWLEDGEMENT.id() + "/";
    private static final String COPC = "/" + Interaction.COPC.id() + "/ControlActEvent/subject/PayloadInformation/";
    private static final String HEADER = "/Envelope/Header/MessageHeader/";

    private final List<Violation> found = new ArrayList<>();
    private final NackCode code;

    private MessageValidator(NackCode code) {
        this.code = code;
    }

    public static List<Violation> check(Gp2gpMessage message) {
        NackCode code = message.interaction().map(Interaction::unprocessableCode).orElse(null);
        MessageValidator v = new MessageValidator(code);
        if (message.envelope() != null) {
            v.envelope(message.envelope());
        }
        if (message.payload() != null) {
            v.header(message.payload().header());
            switch (message.payload()) {
                case EhrRequest r -> v.request(r);
                case EhrExtract x -> v.extract(x);
                case Acknowledgement a -> v.acknowledgement(a);
                case CopcMessage c -> v.copc(c);
            }
        }
        if (message.envelope() != null && message.payload() != null) {
            v.together(message.envelope(), message.payload());
        }
        if (message.attachments().size() > MAX_INLINE_ATTACHMENTS) {
            v.found.add(Violation.warning("attachments", "message", message.attachments().size()
                    + " attachments inline; Spine carries at most " + MAX_INLINE_ATTACHMENTS
                    + " per message, more need large messaging"));
        }
        return v.found;
    }

    private void envelope(EbxmlEnvelope e) {
        Interaction interaction = Interaction.of(e.action()).orElse(null);
        if (e.action() == null) {
            required("ebXML.Action", HEADER + "Action", "the interaction id");
        } else if (interaction == null) {
            found.add(Violation.error("ebXML.Action", HEADER + "Action", "names no GP2GP interaction",
                    "one of " + Stream.of(Interaction.values()).map(Interaction::id).collect(Collectors.joining(", ")),
                    null));
        }
        id("ebXML.ConversationId", HEADER + "ConversationId", e.conversationId(), true);
        id("ebXML.MessageId", HEADER + "MessageData/MessageId", e.messageId(), true);
        if (e.fromPartyId() == null) {
            required("ebXML.From", HEADER + "From/PartyId", "the sending party key (ODS-digits)");
        } else if (interaction == Interaction.EHR_REQUEST && e.fromPartyId().strip().length() > MAX_PARTY_KEY) {
            found.add(Violation.error("ebXML.From", HEADER + "From/PartyId", "too long for a party key",
                    "a party key (ODS-digits) of at most " + MAX_PARTY_KEY + " characters", code));
        }
        if (e.toPartyId() == null) {
            required("ebXML.To", HEADER + "To/PartyId", "the receiving party key (ODS-digits)");
        }
        if (e.service() != null && !EbxmlEnvelope.GP2GP_SERVICE.equals(e.service())) {
            warn("ebXML.Service", HEADER + "Service", "is not " + EbxmlEnvelope.GP2GP_SERVICE);
        }
        if (e.timestamp() == null || !EBXML_TIME.matcher(e.timestamp()).matches()) {
            warn("ebXML.Timestamp", HEADER + "MessageData/Timestamp",
                    "missing or not a date and time (yyyy-MM-ddTHH:mm:ssZ); timeouts count from it");
        }
        if (e.references().isEmpty()) {
            warn("ebXML.Manifest", "/Envelope/Body/Manifest", "no references: the first should be the HL7 payload");
        } else if (!e.references().get(0).isContent()) {
            warn("ebXML.Manifest", "/Envelope/Body/Manifest/Reference[1]",
                    "the first reference should name the HL7 payload (cid:)");
        }
    }

    private void header(Hl7Header h) {
        String root = "/" + h.interactionId() + "/";
        id("messageId", root + "id/@root", h.messageId(), true);
        if (h.creationTime() == null || !HL7_TIME.matcher(h.creationTime()).matches()) {
            warn("creationTime", root + "creationTime/@value", "missing or not an HL7 time (yyyyMMddHHmmss)");
        }
        // A request's ASIDs are kept to answer to: required, and Spine ASIDs. Elsewhere the conversation says who.
        boolean request = Interaction.EHR_REQUEST.id().equals(h.interactionId());
        asid("toAsid", root + "communicationFunctionRcv/device/id/@extension", h.receiverAsid(), request);
        asid("fromAsid", root + "communicationFunctionSnd/device/id/@extension", h.senderAsid(), request);
    }

    private void request(EhrRequest r) {
        id("requestId", REQUEST + "id/@root", r.requestId(), true);
        nhsNumber(REQUEST + "recordTarget/patient/id/@extension", r.nhsNumber());
        // Nothing else names the practices of a request (a party key does not contain the ODS code): required.
        requiredOds("requestingOds", REQUEST + "author" + ORG, r.requestingOds());
        requiredOds("sendingOds", REQUEST + "destination" + ORG, r.sendingOds());
    }

    private void extract(EhrExtract x) {
        String base = "/" + x.header().interactionId() + EXTRACT;
        id("extractId", base + "id/@root", x.extractId(), true);
        nhsNumber(base + "recordTarget/patient/id/@extension", x.nhsNumber());
        ods("sendingOds", base + "author" + ORG, x.sendingOds());
        ods("requestingOds", base + "destination" + ORG, x.requestingOds());
        if (x.requestId() == null) {
            warn("requestId", base + "inFulfillmentOf/priorEhrRequest/id/@root",
                    "missing: the extract does not name the request it answers");
        }
        for (int i = 0; i < x.documents().size(); i++) {
            DocumentReference d = x.documents().get(i);
            if (d.documentId() == null || d.reference() == null) {
                warn("documents[" + i + "]", base + "...referredToExternalDocument[" + (i + 1) + "]",
                        "an attachment reference without an id/@root or text/reference/@value");
            }
        }
    }

    private void acknowledgement(Acknowledgement a) {
        if (a.type() == null) {
            found.add(Violation.error("ackType", ACK + "acknowledgement/@typeCode", "missing or unknown",
                    "AA, AE or AR", null));
        }
        id("refersTo", ACK + "acknowledgement/messageRef/id/@root", a.refersTo(), true);
        if (a.type() != null && !a.type().isPositive() && a.reason().map(AckReason::code).isEmpty()) {
            warn("reasonCode", ACK + "ControlActEvent/reason/justifyingDetectedIssueEvent/code/@code",
                    "a negative acknowledgement without a reason code (nor in acknowledgementDetail/code)");
        }
        a.reason().map(AckReason::code).filter(c -> !c.matches("\\d{1,2}")).ifPresent(c ->
                warn("reasonCode", ACK + "ControlActEvent/reason/justifyingDetectedIssueEvent/code/@code",
                        "not a GP2GP reason code (two digits)"));
    }

    private void copc(CopcMessage c) {
        if (c.kind() == null) {
            found.add(Violation.error("copcKind", COPC + "code/@code", "missing or unknown",
                    "GP2GP_PI (continue request) or GP2GPLMATTACHMENTINFO (attachment)", code));
            return;
        }
        id("payloadId", COPC + "id/@root", c.payloadId(), false);
        ods("fromOds", COPC + "value/Gp2gpfragment/From", c.fromOds());
        ods("toOds", COPC + "value/Gp2gpfragment/Recipients/Recipient", c.toOds());
        if (c.kind() == CopcMessage.Kind.CONTINUE_REQUEST) {
            id("refersTo", COPC + "pertinentInformation/pertinentPayloadBody/value/Gp2gpfragment/acknowledgedMessage"
                    + "/id/@root", c.acknowledgedMessageId(), true);
        } else if (c.fileName() == null) {
            warn("fileName", COPC + "pertinentInformation/pertinentPayloadBody/value/reference/@value",
                    "missing: the attachment's file name");
        }
    }

    private void together(EbxmlEnvelope e, Hl7Message payload) {
        String interaction = payload.header().interactionId();
        if (e.action() != null && !e.action().equals(interaction)) {
            found.add(Violation.error("interactionId", HEADER + "Action", "the ebXML Action " + truncate(e.action())
                    + " does not match the payload " + interaction, interaction, code));
        }
        String hl7Id = payload.header().messageId();
        if (e.messageId() != null && hl7Id != null && !e.messageId().equalsIgnoreCase(hl7Id)) {
            warn("messageId", "/" + interaction + "/id/@root",
                    "the HL7 id differs from the ebXML MessageId; acknowledgements may name either");
        }
    }

    private void nhsNumber(String location, String value) {
        if (value == null || value.isBlank()) {
            found.add(Violation.error("nhsNumber", location, "missing", "the patient's NHS number (10 digits)", code));
        } else if (TEMPLATE.matcher(value).matches()) {
            warn("nhsNumber", location, "a template placeholder, not an NHS number");
        } else if (!value.strip().matches("\\d{10}")) {
            warn("nhsNumber", location, "not an NHS number (a placeholder, as test extracts have)");
        } else if (!NhsNumber.isValid(value.strip())) {
            // Ten digits that fail the check: a corrupted number, never match it to a patient.
            found.add(Violation.error("nhsNumber", location, "fails the modulus 11 check",
                    "10 digits with a valid modulus 11 check digit", code));
        }
    }

    private void id(String field, String location, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                required(field, location, "an id (a UUID)");
            }
        } else if (TEMPLATE.matcher(value).matches()) {
            warn(field, location, "a template placeholder, not an id");
        } else if (value.length() > 64 || !value.strip().matches("[A-Za-z0-9._:-]+")) {
            found.add(Violation.error(field, location, "not an id", "a UUID (letters, digits and '-', up to 64)",
                    code));
        } else if (!UUID.matcher(value.strip()).matches()) {
            warn(field, location, "not a UUID; kept as given");
        }
    }

    private void requiredOds(String field, String location, String value) {
        if (value == null || value.isBlank()) {
            required(field, location, "the practice's ODS code");
        } else if (!ODS.matcher(value.strip()).matches()) {
            found.add(Violation.error(field, location, "not an ODS code", "3 to 8 letters and digits", code));
        }
    }

    /** A practice the payload names: where it is missing, the conversation says who takes part. */
    private void ods(String field, String location, String value) {
        if (value == null || value.isBlank()) {
            warn(field, location, "missing");
        } else if (!ODS.matcher(value.strip()).matches()) {
            warn(field, location, "not an ODS code (3 to 8 letters and digits)");
        }
    }

    /** An ASID; a request's must be given and be a Spine ASID (elsewhere test systems' short ones pass). */
    private void asid(String field, String location, String value, boolean request) {
        if (value == null || value.isBlank()) {
            if (request) {
                required(field, location, "the system's ASID");
            } else {
                warn(field, location, "missing");
            }
        } else if (TEMPLATE.matcher(value).matches()) {
            warn(field, location, "a template placeholder, not an ASID");
        } else if (request && !ASID.matcher(value.strip()).matches()) {
            found.add(Violation.error(field, location, "not an ASID", "12 digits (a Spine ASID)", code));
        }
    }

    private void required(String field, String location, String expected) {
        found.add(Violation.error(field, location, "missing", expected, code));
    }

    private void warn(String field, String location, String detail) {
        found.add(Violation.warning(field, location, detail));
    }

    private static String truncate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}

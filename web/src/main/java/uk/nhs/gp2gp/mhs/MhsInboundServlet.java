package uk.nhs.gp2gp.mhs;

import jakarta.json.spi.JsonProvider;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import uk.nhs.gp2gp.api.security.RefusalLimits;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.message.MessageProblem;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundPeers;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;

/**
 * {@code POST /mhs/inbound}: GP2GP messages from an MHS adaptor or a peer instance, as the MHS
 * adaptor's inbound JSON envelope or as the Spine's multipart/related ebXML. 202 when taken (or
 * recognised as a duplicate), 400 with a problem when refused. Fails closed ({@link InboundPeers}):
 * a caller without a known secret in X-GP2GP-Peer-Secret gets 401 (everyone does while no secret is
 * set, unless gp2gp.inbound.open=true), and one that sends for a practice it does not speak for, or
 * for a practice hosted here, gets 403.
 */
@WebServlet(urlPatterns = "/mhs/inbound")
public class MhsInboundServlet extends HttpServlet {

    /** Looked up once: {@code Json.createX} searches the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    /** GP2GP messages are at most 5 MB of payload and attachments; leave room for base64 and the envelope. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    @EJB
    private InboundReceiver inbound;

    @Inject
    private InboundPeers peers;

    @Inject
    private RefusalLimits refusals;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<InboundSource> source = peers.identify(request.getHeader(InboundReceiver.SECRET_HEADER));
        if (source.isEmpty()) {
            String detail = peers.isClosed()
                    ? "/mhs/inbound takes no messages: no gp2gp.inbound.shared-secret or gp2gp.inbound.peers is set"
                    : "The peer secret (X-GP2GP-Peer-Secret) is missing or wrong";
            audited(request, "401", "(no valid secret)", "MHS_INBOUND_AUTHENTICATION", detail);
            problem(response, 401, "unauthorized", detail);
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        boolean multipart = type.startsWith("multipart/related");
        if (!type.startsWith("application/json") && !multipart) {
            problem(response, 415, "unsupported-media-type", "Send the MHS inbound JSON envelope as "
                    + "application/json, or the ebXML message as multipart/related");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            problem(response, 413, "too-large", "The message is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        if (multipart) {
            try {
                body = MultipartInbound.asMhsEnvelope(body, request.getContentType());
            } catch (MessageProblem unreadable) {
                problem(response, 400, "message-refused", unreadable.getMessage());
                return;
            }
        }
        InboundOutcome outcome = inbound.receive(body, source.get());
        if (outcome.kind() == InboundOutcome.Kind.FORBIDDEN) {
            audited(request, "403", source.get().describe(), "MHS_INBOUND_FORBIDDEN", outcome.detail());
            problem(response, 403, "sender-not-allowed", outcome.detail());
            return;
        }
        if (outcome.isRefused()) {
            problem(response, 400, "message-refused", outcome.detail());
            return;
        }
        response.setStatus(202);
        response.setContentType("application/json");
        response.getWriter().write(JSON.createObjectBuilder().add("outcome", outcome.kind().name())
                .add("detail", outcome.detail()).build().toString());
    }

    /** A refused caller's line of the audit trail, at most one a minute per address and kind (RefusalLimits). */
    private void audited(HttpServletRequest request, String kind, String actor, String action, String detail) {
        String address = request.getRemoteAddr();
        refusals.audit(address, "inbound-" + kind, new AuditEntry(ActorType.SYSTEM, actor, action, "ADDRESS", address,
                null, Outcome.DENIED, kind + " " + (detail.length() > 300 ? detail.substring(0, 300) : detail)));
    }

    private static void problem(HttpServletResponse response, int status, String slug, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write(JSON.createObjectBuilder()
                .add("type", "urn:gp2gp:problem:" + slug).add("status", status)
                .add("title", slug.replace('-', ' ')).add("detail", detail == null ? "" : detail)
                .build().toString());
    }
}

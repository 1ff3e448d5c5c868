package uk.nhs.gp2gp.api.transfer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.RequesterSide;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferSearch;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.Transfers;

/** Transfers of patients' records: ask for one, follow it, read the record, report the outcome. */
@Path("transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"PRACTICE", "ADMIN"})
public class TransferResource {

    @EJB
    private Transfers transfers;

    @EJB
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uriInfo;

    /** Asks the sending practice for the patient's record: 202, the transfer goes on in the background. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@NotNull @Valid TransferRequest body) {
        // The caller's right to act for the requesting practice comes first: no answer may depend on
        // what the demographics know of a patient the caller has no business asking about.
        OdsCode requesting = withField("requestingOds", () -> OdsCode.of(body.requestingOds()));
        requireAccess(requesting.value());
        NhsNumber patient = NhsNumber.of(body.nhsNumber());
        OdsCode sending = body.sendingOds() == null || body.sendingOds().isBlank() ? null
                : withField("sendingOds", () -> OdsCode.of(body.sendingOds()));
        Transfer transfer = transfers.request(patient, requesting, sending, ApiSecurityContext.callerOf(security));
        return Response.accepted(TransferView.of(transfer, null, clock.instant()))
                .location(uriInfo.getBaseUriBuilder().path(TransferResource.class).path(transfer.getConversationId())
                        .build())
                .build();
    }

    @GET
    @Path("{conversationId}")
    public TransferView get(@PathParam("conversationId") String conversationId, @QueryParam("role") TransferRole role) {
        return TransferView.of(transfers.details(conversationId, role, ApiSecurityContext.callerOf(security)),
                clock.instant());
    }

    @GET
    public List<TransferView> search(@QueryParam("ods") String ods, @QueryParam("status") TransferStatus status,
            @QueryParam("nhsNumber") String nhsNumber, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        ApiCaller caller = ApiSecurityContext.callerOf(security);
        String odsCode = ods == null || ods.isBlank() ? null : OdsCode.of(ods).value();
        if (odsCode != null) {
            // Asking about another practice is refused, not answered with an empty list.
            requireAccess(odsCode);
        }
        String number = nhsNumber == null || nhsNumber.isBlank() ? null : NhsNumber.of(nhsNumber).value();
        boolean everywhere = caller.hasRole("ADMIN") || caller.odsCodes().contains("*");
        TransferSearch search = new TransferSearch(odsCode, status, number, day("from", from), day("to", to),
                everywhere ? null : caller.odsCodes(), page, size);
        Instant now = clock.instant();
        List<Transfer> found = transfers.search(search, caller, "SEARCH_TRANSFERS");
        return found.stream().map(t -> TransferView.of(t, null, now)).toList();
    }

    /** The record as it arrived (HL7 XML), streamed. Every read is audited. */
    @GET
    @Path("{conversationId}/ehr")
    @Produces({"application/xml", MediaType.APPLICATION_JSON})
    public Response ehr(@PathParam("conversationId") String conversationId) {
        Transfer transfer = visible(conversationId, TransferRole.REQUESTER);
        var extract = transfers.extract(transfer).orElseThrow(() -> new NotFoundException(
                "No record to read: it has not arrived whole (the transfer is " + transfer.getStatus() + ")"));
        return audited(transfer, "READ_EHR", extract);
    }

    /** One attachment of the record, as the original file, streamed. Every read is audited. */
    @GET
    @Path("{conversationId}/attachments/{contentId}")
    @Produces(MediaType.WILDCARD)
    public Response attachment(@PathParam("conversationId") String conversationId,
            @PathParam("contentId") String contentId) {
        Transfer transfer = visible(conversationId, TransferRole.REQUESTER);
        var attachment = transfers.attachment(transfer, contentId).orElseThrow(() -> new NotFoundException(
                "No attachment " + contentId + " in this record"));
        return audited(transfer, "READ_ATTACHMENT", attachment);
    }

    private Response audited(Transfer transfer, String action, RequesterSide.StoredRecordPart part) {
        audit.record(ApiSecurityContext.auditLine(security, action, "transfer", transfer.getConversationId())
                .withNhsNumber(transfer.getNhsNumber()).withDetail(part.content().getContentId()));
        InputStream bytes = part.bytes();
        StreamingOutput body = out -> {
            try (bytes) {
                bytes.transferTo(out);
            }
        };
        return Response.ok(body, part.content().getMediaType())
                .header("Content-Length", part.content().getLength()).build();
    }

    /** The practice's system reports the outcome; the final acknowledgement goes to the sending practice. */
    @POST
    @Path("{conversationId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    public TransferView outcome(@PathParam("conversationId") String conversationId,
            @NotNull @Valid OutcomeRequest body) {
        ReasonCode reason = body.reasonCode() == null ? null : ReasonCode.of(body.reasonCode()).orElseThrow();
        return TransferView.of(transfers.recordOutcome(conversationId, body.outcome(), reason,
                ApiSecurityContext.callerOf(security)), clock.instant());
    }

    private Transfer visible(String conversationId, TransferRole role) {
        ApiCaller caller = ApiSecurityContext.callerOf(security);
        List<Transfer> candidates = transfers.ofConversation(conversationId).stream()
                .filter(t -> role == null || t.getRole() == role).toList();
        if (candidates.isEmpty()) {
            throw new NotFoundException("No transfer " + conversationId);
        }
        return candidates.stream().filter(t -> caller.mayActFor(t.getHostedOds())).findFirst()
                .orElseThrow(() -> new ForbiddenException("This API key does not act for the practice of this transfer"));
    }

    private void requireAccess(String odsCode) {
        if (!ApiSecurityContext.callerOf(security).mayActFor(odsCode)) {
            throw new ForbiddenException("This API key does not act for practice " + odsCode);
        }
    }

    private static Instant day(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidIdentifierException(field, field + " must be a date (2026-01-31) or an instant");
        }
    }

    private static <T> T withField(String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidIdentifierException e) {
            throw new InvalidIdentifierException(field, e.getMessage());
        }
    }
}

package uk.nhs.gp2gp.api.transfer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import uk.nhs.gp2gp.api.practice.PracticeRecordResource;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.message.NackCode;
import uk.nhs.gp2gp.message.UnreadableMessageException;
import uk.nhs.gp2gp.security.ApiCaller;
import uk.nhs.gp2gp.transfer.ReasonCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferRole;
import uk.nhs.gp2gp.transfer.TransferSearch;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.Transfers;

/**
 * Requests for a hosted practice's patients that have no stored record: the partner system
 * supplies the extract, or refuses with a reason, before the timeout answers for it.
 */
@Path("ehr-requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"PRACTICE", "ADMIN"})
public class EhrRequestResource {

    @EJB
    private AuditLog audit;

    @EJB
    private Transfers transfers;

    @Inject
    private Clock clock;

    @Context
    private SecurityContext security;

    public record Refusal(@NotNull @Pattern(regexp = "06|07|10|19|20|24|99",
            message = "must be 06, 07, 10, 19, 20, 24 or 99") String reasonCode) {
    }

    @GET
    public List<TransferView> pending(@QueryParam("ods") String ods,
            @QueryParam("status") @DefaultValue("PENDING") String status) {
        ApiCaller caller = ApiSecurityContext.callerOf(security);
        String odsCode = ods == null || ods.isBlank() ? null : OdsCode.of(ods).value();
        if (odsCode != null && !caller.mayActFor(odsCode)) {
            // Asking about another practice is refused, not answered with an empty list.
            throw new ForbiddenException("This API key does not act for practice " + odsCode);
        }
        boolean everywhere = caller.hasRole("ADMIN") || caller.odsCodes().contains("*");
        List<Transfer> waiting = transfers.search(new TransferSearch(odsCode, TransferStatus.WAITING_FOR_EXTRACT,
                null, null, null, everywhere ? null : caller.odsCodes(), 0, 500), caller, "LIST_EHR_REQUESTS");
        return waiting.stream().map(t -> TransferView.of(t, null, clock.instant())).toList();
    }

    /** The extract for a waiting request: an RCMR_IN030000UK06 message or a bare EhrExtract. */
    @PUT
    @Path("{conversationId}/extract")
    @Consumes({"application/xml", "text/xml"})
    public TransferView supply(@PathParam("conversationId") String conversationId, InputStream body)
            throws IOException {
        Transfer waiting = waiting(conversationId);
        byte[] record = PracticeRecordResource.readRecordXml(body);
        String inside = transfers.nhsNumberOfRecord(record);
        if (!waiting.getNhsNumber().equals(inside)) {
            throw new UnreadableMessageException("nhsNumber", "The extract is about another patient than the request",
                    NackCode.EXTRACT_MALFORMED);
        }
        Transfer supplied = transfers.supplyExtract(conversationId, record);
        audited("EXTRACT_SUPPLY", supplied);
        return TransferView.of(supplied, null, clock.instant());
    }

    @POST
    @Path("{conversationId}/refusal")
    @Consumes(MediaType.APPLICATION_JSON)
    public TransferView refuse(@PathParam("conversationId") String conversationId, @NotNull @Valid Refusal body) {
        Transfer refused = transfers.refuseRequest(conversationId, ReasonCode.of(body.reasonCode()).orElseThrow(),
                ApiSecurityContext.callerOf(security));
        return TransferView.of(refused, null, clock.instant());
    }

    private void audited(String action, Transfer transfer) {
        audit.record(ApiSecurityContext.auditLine(security, action, "transfer", transfer.getConversationId())
                .withNhsNumber(transfer.getNhsNumber()));
    }

    private Transfer waiting(String conversationId) {
        Transfer transfer = transfers.find(conversationId, TransferRole.SENDER)
                .orElseThrow(() -> new NotFoundException("No request " + conversationId));
        if (!ApiSecurityContext.callerOf(security).mayActFor(transfer.getSendingOds())) {
            throw new ForbiddenException();
        }
        return transfer;
    }
}

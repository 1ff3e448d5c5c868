package uk.nhs.gp2gp.api.practice;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Iterator;
import uk.nhs.gp2gp.api.problem.Problem;
import uk.nhs.gp2gp.api.security.ApiSecurityContext;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;
import uk.nhs.gp2gp.record.PatientRecords;
import uk.nhs.gp2gp.record.RecordAttachment;

/** A hosted practice stores the record it will send when another practice asks for it. */
@Path("practices/{ods}/records/{nhsNumber}")
@RolesAllowed({"PRACTICE", "ADMIN"})
public class PracticeRecordResource {

    /** The record's XML; its files come as further parts of a multipart upload, of any size. */
    static final int MAX_EXTRACT_BYTES = 20 * 1024 * 1024;

    @EJB
    private PatientRecords records;

    @EJB
    private Practices practices;

    @Context
    private SecurityContext security;

    @EJB
    private AuditLog audit;

    /** Stores an RCMR_IN030000UK06 message or a bare EhrExtract: 201 when new, 204 when replaced. */
    @PUT
    @Consumes({"application/xml", "text/xml"})
    public Response put(@PathParam("ods") String ods, @PathParam("nhsNumber") String nhsNumber, InputStream body)
            throws IOException {
        return store(ods, nhsNumber, readRecordXml(body), Collections.emptyIterator());
    }

    /**
     * The same with attachments, as {@code multipart/related}: the first part is the XML, each further
     * part a file with its Content-Id, Content-Type and (optionally) a GP2GP Content-Description.
     * Streamed into the store part by part: a record of 100 MB or more is fine.
     */
    @PUT
    @Consumes("multipart/related")
    public Response putWithAttachments(@PathParam("ods") String ods, @PathParam("nhsNumber") String nhsNumber,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        MultipartRecord upload = MultipartRecord.open(body, contentType, MAX_EXTRACT_BYTES);
        return store(ods, nhsNumber, upload.extract(), upload.attachments());
    }

    private Response store(String ods, String nhsNumber, byte[] extract, Iterator<RecordAttachment> attachments) {
        OdsCode practice = OdsCode.of(ods);
        NhsNumber patient = NhsNumber.of(nhsNumber);
        if (!ApiSecurityContext.callerOf(security).mayActFor(practice.value())) {
            throw new ForbiddenException();
        }
        if (!practices.find(practice).map(Practice::isHosted).orElse(false)) {
            return Problem.invalidField("odsCode", "Practice " + practice + " is not hosted here").toResponse();
        }
        boolean created = records.storeChecked(practice, patient, extract, attachments);
        audit.record(ApiSecurityContext.auditLine(security, "RECORD_STORE", "PRACTICE", practice.value())
                .withNhsNumber(patient.value()));
        return created ? Response.status(Response.Status.CREATED).build() : Response.noContent().build();
    }

    /** A record's XML as uploaded, refused (413) beyond {@link #MAX_EXTRACT_BYTES}. */
    public static byte[] readRecordXml(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_EXTRACT_BYTES + 1);
        if (bytes.length > MAX_EXTRACT_BYTES) {
            throw new WebApplicationException(Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
                    "A record's XML over " + MAX_EXTRACT_BYTES + " bytes is not taken; attachments go as further"
                    + " parts of a multipart/related upload").toResponse());
        }
        return bytes;
    }
}

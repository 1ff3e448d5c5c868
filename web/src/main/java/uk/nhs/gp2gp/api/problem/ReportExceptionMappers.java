package uk.nhs.gp2gp.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import uk.nhs.gp2gp.report.PaperFallbackNotFoundException;
import uk.nhs.gp2gp.report.PaperFallbackRefusedException;
import uk.nhs.gp2gp.report.ReportRequestException;

/** The reports and tools' refusals, as problems. */
public final class ReportExceptionMappers {

    private ReportExceptionMappers() {
    }

    @Provider
    public static class NoSuchPaperFallback implements ExceptionMapper<PaperFallbackNotFoundException> {
        @Override
        public Response toResponse(PaperFallbackNotFoundException e) {
            return Problem.of(Response.Status.NOT_FOUND, "not-found", e.getMessage()).toResponse();
        }
    }

    /** 409: a transfer that did not fail goes on no paper; a task is done once. */
    @Provider
    public static class PaperFallbackRefused implements ExceptionMapper<PaperFallbackRefusedException> {
        @Override
        public Response toResponse(PaperFallbackRefusedException e) {
            return Problem.of(Response.Status.CONFLICT, "paper-fallback-refused", e.getMessage()).toResponse();
        }
    }

    /** 400 naming the parameter out of its range. */
    @Provider
    public static class BadReportRequest implements ExceptionMapper<ReportRequestException> {
        @Override
        public Response toResponse(ReportRequestException e) {
            return Problem.invalidField(e.field(), e.getMessage()).toResponse();
        }
    }
}

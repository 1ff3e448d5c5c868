package uk.nhs.gp2gp.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import uk.nhs.gp2gp.practice.PracticeConflictException;

/** 409 naming the field: another practice in the directory already has this ASID or party key. */
@Provider
public class PracticeConflictExceptionMapper implements ExceptionMapper<PracticeConflictException> {

    @Override
    public Response toResponse(PracticeConflictException exception) {
        return Problem.of(Response.Status.CONFLICT, "practice-identifier-taken", exception.getMessage())
                .withErrors(List.of(new Problem.FieldError(exception.field(), exception.getMessage())))
                .toResponse();
    }
}

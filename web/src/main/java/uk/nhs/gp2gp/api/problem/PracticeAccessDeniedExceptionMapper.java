package uk.nhs.gp2gp.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import uk.nhs.gp2gp.security.PracticeAccessDeniedException;

/** 403 saying why: the key does not act for the practice whose data it asked for. */
@Provider
public class PracticeAccessDeniedExceptionMapper implements ExceptionMapper<PracticeAccessDeniedException> {

    @Override
    public Response toResponse(PracticeAccessDeniedException exception) {
        return Problem.of(Response.Status.FORBIDDEN, "forbidden", exception.getMessage()).toResponse();
    }
}

package uk.nhs.gp2gp.api.problem;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * 403 when a session bean refuses the caller's roles: the resources check the same roles first, so
 * this answers only a resource whose roles came to differ from its bean's, as a refusal, never a 500.
 */
@Provider
public class EjbAccessExceptionMapper implements ExceptionMapper<EJBAccessException> {

    @Override
    public Response toResponse(EJBAccessException exception) {
        return Problem.of(Response.Status.FORBIDDEN, "forbidden", "This API key is not allowed to do this")
                .toResponse();
    }
}

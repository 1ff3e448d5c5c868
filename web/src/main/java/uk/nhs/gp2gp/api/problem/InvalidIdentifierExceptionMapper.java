package uk.nhs.gp2gp.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;

/** An NHS number, ODS code or id that cannot be one: 400 naming the field. */
@Provider
public class InvalidIdentifierExceptionMapper implements ExceptionMapper<InvalidIdentifierException> {

    @Override
    public Response toResponse(InvalidIdentifierException exception) {
        return Problem.invalidField(exception.field(), exception.getMessage()).toResponse();
    }
}

package uk.nhs.gp2gp.api.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404 for unknown paths, 405, 406, 415 and the like: the same status, as a problem. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity() && Problem.PROBLEM_JSON.isCompatible(original.getMediaType())) {
            return original;
        }
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder answer = Response.fromResponse(
                Problem.of(status, slug(status), detail(status)).toResponse());
        // Keep headers that tell the client what to do next (Allow, WWW-Authenticate, Retry-After).
        for (String header : new String[] {"Allow", "WWW-Authenticate", "Retry-After", "Location"}) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                answer.header(header, value);
            }
        }
        return answer.build();
    }

    private static String slug(Response.StatusType status) {
        return status.getReasonPhrase().toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static String detail(Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 404 -> "There is nothing at this address";
            case 405 -> "This address does not accept that method";
            case 406 -> "This address cannot answer in the media type asked for";
            case 415 -> "This address does not accept that content type";
            case 400 -> "The request could not be read";
            case 403 -> "This API key is not allowed to do this";
            default -> status.getReasonPhrase();
        };
    }
}

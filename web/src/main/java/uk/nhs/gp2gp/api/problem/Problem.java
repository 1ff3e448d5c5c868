package uk.nhs.gp2gp.api.problem;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error answer in the RFC 9457 problem format. {@code errors} names each field that was wrong.
 * Never carries a stack trace, and never echoes patient data back.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

    public record FieldError(String field, String message) {
    }

    public static Problem of(Response.StatusType status, String slug, String detail) {
        return new Problem("urn:gp2gp:problem:" + slug, status.getReasonPhrase(), status.getStatusCode(), detail,
                null);
    }

    public static Problem invalidField(String field, String message) {
        return new Problem("urn:gp2gp:problem:invalid-request", "Bad Request", 400,
                "The request has an invalid field: " + field, List.of(new FieldError(field, message)));
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, List.copyOf(fieldErrors));
    }

    public Response toResponse() {
        return Response.status(status).type(PROBLEM_JSON).entity(this).build();
    }
}

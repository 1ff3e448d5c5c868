package uk.nhs.gp2gp.api.problem;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.UUID;

/**
 * Everything else. Business refusals never get here: they are application exceptions, which session
 * beans pass on as they are, answered by their own mappers. A body that is not JSON is the client's
 * fault (400); what is left is our fault (500), answered with an incident id that the operator finds
 * in the log, never with a stack trace.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        if (isUnreadableBody(exception)) {
            return Problem.of(Response.Status.BAD_REQUEST, "unreadable-body",
                    "The request body is not valid JSON of the expected shape").toResponse();
        }
        String incident = UUID.randomUUID().toString();
        // Class names and stack frames go to the log under the incident id, never the messages:
        // a database error's message can quote a patient's data.
        LOG.log(Level.ERROR, "Unexpected failure, incident {0}: {1}", incident, withoutMessages(exception));
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; quote incident " + incident + " to support").toResponse();
    }

    static String withoutMessages(Throwable exception) {
        StringBuilder out = new StringBuilder();
        Throwable root = exception;
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            out.append(out.isEmpty() ? "" : " <- caused by ").append(t.getClass().getName());
            root = t;
        }
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(12, frames.length); i++) {
            out.append("\n    at ").append(frames[i]);
        }
        return out.toString();
    }

    private static boolean isUnreadableBody(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonbException || t instanceof JsonParsingException) {
                return true;
            }
        }
        return false;
    }
}

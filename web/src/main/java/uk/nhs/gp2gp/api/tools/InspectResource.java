package uk.nhs.gp2gp.api.tools;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import uk.nhs.gp2gp.message.Inspection;
import uk.nhs.gp2gp.message.MessageInspector;
import uk.nhs.gp2gp.message.MessageLimits;
import uk.nhs.gp2gp.message.MessageProblem;
import uk.nhs.gp2gp.message.Violation;

/**
 * {@code POST /api/v1/tools/inspect}: any GP2GP message (raw XML, multipart/related ebXML, or the MHS
 * JSON envelope) answered with what it is, or a problem saying exactly what is wrong with it. Any
 * valid API key may ask. Nothing is stored; attachments stream past and are only counted.
 */
@Path("tools/inspect")
@PermitAll
public class InspectResource {

    private static final System.Logger LOG = System.getLogger(InspectResource.class.getName());

    /** Streaming keeps the XML and MIME cheap at any size; a JSON envelope is read whole, so less of it. */
    static final MessageLimits LIMITS = MessageLimits.defaults().withMaxJsonBytes(32L * 1024 * 1024);
    private static final MessageInspector INSPECTOR = new MessageInspector(LIMITS);

    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_JSON, "multipart/related"})
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Operation(summary = "Say what a GP2GP message is, or exactly what is wrong with it",
            description = "Takes an HL7 payload or ebXML envelope as XML, the wire form (multipart/related ebXML), "
                    + "or the MHS adaptor's JSON envelope. Answers the ids, practices, systems, acknowledgement, "
                    + "attachments and fragments it carries, with warnings; a message that cannot be processed "
                    + "gets 400 naming each field, where it is, what was expected and the NACK reason code.")
    @APIResponse(responseCode = "200", description = "What the message is",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InspectionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed, hostile or not a GP2GP message",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = InspectionProblem.class)))
    public Response inspect(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Inspection inspection;
        try {
            inspection = INSPECTOR.inspect(body, contentType);
        } catch (MessageProblem e) {
            return InspectionProblem.of(summary(e.violations()), InspectionView.FindingView.of(e.violations()),
                    List.of(), null);
        } catch (UncheckedIOException e) {
            return InspectionProblem.of("The body could not be read to its end", List.of(), List.of(), null);
        } catch (RuntimeException e) {
            // Whatever a client sends is answered, never with 500; the class (never the message,
            // which could quote the input) goes to the log so that we can fix the reader.
            LOG.log(Level.WARNING, "Inspecting a message failed unexpectedly: {0}", e.getClass().getName());
            return InspectionProblem.of("The message could not be read", List.of(), List.of(), null);
        }
        InspectionView view = InspectionView.of(inspection);
        if (!inspection.errors().isEmpty()) {
            // Problems never echo patient data (the project's rule): what was read, less the NHS number.
            return InspectionProblem.of(summary(inspection.errors()),
                    InspectionView.FindingView.of(inspection.errors()), view.warnings(), view.withoutNhsNumber());
        }
        return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static String summary(List<Violation> errors) {
        String first = errors.isEmpty() ? "The message cannot be processed" : errors.get(0).describe();
        return errors.size() > 1 ? first + " (and " + (errors.size() - 1) + " more)" : first;
    }
}

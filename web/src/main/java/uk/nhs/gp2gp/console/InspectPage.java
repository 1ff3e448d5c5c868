package uk.nhs.gp2gp.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import uk.nhs.gp2gp.message.Inspection;
import uk.nhs.gp2gp.message.MessageInspector;
import uk.nhs.gp2gp.message.MessageLimits;
import uk.nhs.gp2gp.message.MessageProblem;
import uk.nhs.gp2gp.message.Violation;

/**
 * inspect.xhtml: paste a GP2GP message (HL7 or ebXML XML, the MHS JSON envelope, or the wire form with
 * its Content-Type) and see what it is, or exactly what is wrong with it and which negative
 * acknowledgement it would get. The same inspector as POST /api/v1/tools/inspect; nothing is stored
 * and nothing of the message is logged.
 */
@Named
@RequestScoped
public class InspectPage {

    private static final System.Logger LOG = System.getLogger(InspectPage.class.getName());
    /** A pasted message is held in memory whole: the API takes the large ones. */
    static final int MAX_PASTED_CHARS = 5 * 1024 * 1024;
    private static final MessageInspector INSPECTOR =
            new MessageInspector(MessageLimits.defaults().withMaxJsonBytes(MAX_PASTED_CHARS));

    private String message;
    private String contentType;
    private Inspection inspection;
    private List<Violation> errors;

    public void inspect() {
        inspection = null;
        errors = null;
        if (message == null || message.isBlank()) {
            errors = List.of(Violation.error("message", null, "nothing was pasted", "a GP2GP message", null));
            return;
        }
        if (message.length() > MAX_PASTED_CHARS) {
            errors = List.of(Violation.error("message", null, "longer than " + MAX_PASTED_CHARS + " characters",
                    "a smaller message here, or POST /api/v1/tools/inspect for any size", null));
            return;
        }
        try {
            inspection = INSPECTOR.inspect(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                    effectiveContentType());
            errors = inspection.errors();
        } catch (MessageProblem e) {
            errors = e.violations();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            errors = List.of(Violation.error("message", null, "could not be read", "a GP2GP message", null));
        } catch (RuntimeException e) {
            // The class only: the message could quote the input.
            LOG.log(System.Logger.Level.WARNING, "Inspecting a pasted message failed: {0}", e.getClass().getName());
            errors = List.of(Violation.error("message", null, "could not be read", "a GP2GP message", null));
        }
    }

    /** What the user chose, or a guess from the first character: JSON envelope or XML. */
    String effectiveContentType() {
        if (contentType != null && !contentType.isBlank()) {
            return contentType.strip();
        }
        return message.stripLeading().startsWith("{") ? "application/json" : "application/xml";
    }

    public boolean isProcessable() {
        return inspection != null && (errors == null || errors.isEmpty());
    }

    public Inspection getInspection() {
        return inspection;
    }

    public List<Violation> getErrors() {
        return errors;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }
}

package uk.nhs.gp2gp.console;

import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.transfer.IllegalTransitionException;
import uk.nhs.gp2gp.transfer.TransferConflictException;
import uk.nhs.gp2gp.transfer.TransferNotFoundException;
import uk.nhs.gp2gp.transfer.TransferRequestException;

/** Tells the user how an action went, in words, never with a stack trace. */
final class ConsoleMessages {

    private static final Logger LOG = System.getLogger(ConsoleMessages.class.getName());

    private ConsoleMessages() {
    }

    static void done(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
    }

    static void refused(String summary, Throwable problem) {
        FacesContext.getCurrentInstance().addMessage(null,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, reason(problem)));
        FacesContext.getCurrentInstance().validationFailed();
    }

    /**
     * What went wrong in words the user can act on: the message of our own refusals (written for
     * people), never that of an unexpected failure (it could quote data); that one goes to the log
     * by class name only.
     */
    static String reason(Throwable problem) {
        Throwable cause = problem;
        while (cause instanceof EJBException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
                || cause instanceof SecurityException || cause instanceof InvalidIdentifierException
                || cause instanceof IllegalTransitionException || cause instanceof TransferConflictException
                || cause instanceof TransferRequestException || cause instanceof TransferNotFoundException) {
            return cause.getMessage();
        }
        LOG.log(Level.WARNING, "Console action failed: {0}", cause.getClass().getName());
        return "An unexpected problem stopped the action; nothing was changed. Support can find it in the log.";
    }
}

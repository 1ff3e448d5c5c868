package uk.nhs.gp2gp.console;

import jakarta.ejb.EJBAccessException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import uk.nhs.gp2gp.identifier.InvalidIdentifierException;
import uk.nhs.gp2gp.report.PaperFallbackNotFoundException;
import uk.nhs.gp2gp.report.PaperFallbackRefusedException;
import uk.nhs.gp2gp.security.AccessChangeRefusedException;
import uk.nhs.gp2gp.security.PracticeAccessDeniedException;
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
     * people: the beans' application exceptions, which reach the page as they were thrown, and the
     * page's own checks), never that of an unexpected failure (it could quote data); that one goes to
     * the log by class name only.
     */
    static String reason(Throwable problem) {
        if (problem instanceof EJBAccessException) {
            return "Your role does not allow this action";
        }
        if (problem instanceof IllegalArgumentException || problem instanceof SecurityException
                || problem instanceof InvalidIdentifierException || problem instanceof IllegalTransitionException
                || problem instanceof TransferConflictException || problem instanceof TransferRequestException
                || problem instanceof TransferNotFoundException || problem instanceof AccessChangeRefusedException
                || problem instanceof PaperFallbackRefusedException || problem instanceof PaperFallbackNotFoundException
                || problem instanceof PracticeAccessDeniedException) {
            return problem.getMessage();
        }
        LOG.log(Level.WARNING, "Console action failed: {0}", problem.getClass().getName());
        return "An unexpected problem stopped the action; nothing was changed. Support can find it in the log.";
    }
}

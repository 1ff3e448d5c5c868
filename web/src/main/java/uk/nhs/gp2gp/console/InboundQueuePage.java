package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import uk.nhs.gp2gp.mhs.InboundQueueConsumer;
import uk.nhs.gp2gp.transfer.InboundDeadLetters;
import uk.nhs.gp2gp.transport.InboundDeadLetterSummary;
import uk.nhs.gp2gp.transport.InboundOutcome;

/**
 * inbound-queue.xhtml: the MHS adaptor's inbound queue as this node consumes it, and the messages set
 * aside on its dead-letter queue, each with why in short (the door's detail stays in the database).
 * No patient details: ids, attempts, reasons, sizes. An operator may have one processed again.
 */
@Named
@RequestScoped
public class InboundQueuePage {

    /** The most recent shown; older ones stay in the database (inbound_dead_letter). */
    static final int SHOWN = 200;

    @EJB
    private InboundDeadLetters deadLetters;

    @Inject
    private InboundQueueConsumer consumer;

    @Inject
    private SignedInUser user;

    private List<InboundDeadLetterSummary> setAside;

    public List<InboundDeadLetterSummary> getSetAside() {
        if (setAside == null) {
            setAside = deadLetters.recent(SHOWN);
        }
        return setAside;
    }

    /** "Process again": the kept envelope through the door as from the MHS adaptor; audited. */
    public void processAgain(long id) {
        try {
            user.require(user.isMayAct());
            InboundOutcome outcome = deadLetters.processAgain(id, user.getName());
            if (outcome.isRefused()) {
                ConsoleMessages.refused("Refused again", new IllegalStateException("The message was refused again ("
                        + outcome.kind() + "): it stays set aside."));
            } else {
                ConsoleMessages.done("Processed", "The message was " + (outcome.kind() == InboundOutcome.Kind.DUPLICATE
                        ? "already taken" : "processed") + " and is no longer set aside.");
            }
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Not processed", e);
        }
        setAside = null;
    }

    public boolean isConfigured() {
        return consumer.isConfigured();
    }

    public boolean isConnected() {
        return consumer.isConnected();
    }

    public String getQueue() {
        return consumer.describe();
    }
}

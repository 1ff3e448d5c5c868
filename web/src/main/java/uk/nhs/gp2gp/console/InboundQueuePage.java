package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import uk.nhs.gp2gp.mhs.InboundQueueConsumer;
import uk.nhs.gp2gp.transport.InboundDeadLetterSummary;
import uk.nhs.gp2gp.transport.InboundDeadLetters;

/**
 * inbound-queue.xhtml: the MHS adaptor's inbound queue as this node consumes it, and the messages set
 * aside on its dead-letter queue, each with why. No patient details: ids, attempts, reasons, sizes.
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

    private List<InboundDeadLetterSummary> setAside;

    public List<InboundDeadLetterSummary> getSetAside() {
        if (setAside == null) {
            setAside = deadLetters.recent(SHOWN);
        }
        return setAside;
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

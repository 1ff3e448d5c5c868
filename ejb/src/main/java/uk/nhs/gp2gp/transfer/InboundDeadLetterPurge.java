package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import uk.nhs.gp2gp.scheduler.TaskHandler;

/** The retention of a message set aside from the inbound queue ran out: it is deleted, envelope and all. */
@ApplicationScoped
public class InboundDeadLetterPurge implements TaskHandler {

    @EJB
    private InboundDeadLetters deadLetters;

    @Override
    public String kind() {
        return InboundDeadLetters.PURGE_DUE;
    }

    @Override
    public void run(String deadLetterId) {
        deadLetters.purge(Long.parseLong(deadLetterId));
    }
}

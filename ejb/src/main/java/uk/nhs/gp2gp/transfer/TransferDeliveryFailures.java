package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import uk.nhs.gp2gp.transport.DeliveryFailures;
import uk.nhs.gp2gp.transport.OutboxMessage;

/** When the outbox gives up on a message, its transfer fails visibly, saying what could not be sent. */
@ApplicationScoped
public class TransferDeliveryFailures implements DeliveryFailures {

    @PersistenceContext(unitName = "gp2gp")
    private EntityManager em;

    @EJB
    private TransferStore transfers;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void gaveUp(long outboxMessageId) {
        OutboxMessage message = em.find(OutboxMessage.class, outboxMessageId);
        if (message == null || message.getTransferId() == null) {
            return;
        }
        // Locked like every other step of the conversation, so the failure never crosses a step under way.
        Transfer transfer = transfers.lock(message.getTransferId()).orElseThrow();
        TransferStatus failed = transfer.getRole() == TransferRole.REQUESTER ? TransferStatus.FAILED
                : TransferStatus.NOT_INTEGRATED;
        if (!transfer.getStatus().isTerminal() && transfer.getStatus().canMoveTo(failed)) {
            transfers.fail(transfer, failed, null, "Could not deliver " + message.getInteractionId() + " to practice "
                    + message.getToOds() + " after " + message.getAttempts() + " attempts: " + message.getLastError());
        }
    }
}

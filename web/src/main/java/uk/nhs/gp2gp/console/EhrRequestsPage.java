package uk.nhs.gp2gp.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferSearch;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.Transfers;

/** ehr-requests.xhtml: requests for our patients' records that wait for the practice system's extract. */
@Named
@RequestScoped
public class EhrRequestsPage {

    private static final int SHOWN = 200;

    @EJB
    private Transfers transfers;

    private List<Transfer> waiting;

    @PostConstruct
    void load() {
        waiting = transfers.search(new TransferSearch(null, TransferStatus.WAITING_FOR_EXTRACT, null, null, null,
                null, 0, SHOWN), "requestedAt", true);
    }

    public List<Transfer> getWaiting() {
        return waiting;
    }

    public int getShown() {
        return SHOWN;
    }
}

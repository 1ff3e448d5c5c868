package uk.nhs.gp2gp.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferDashboard;
import uk.nhs.gp2gp.transfer.TransferSearch;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.Transfers;

/**
 * transfers.xhtml: find transfers by NHS number, practice, state and date; a page at a time from the
 * database. A search by NHS number is a look-up of a patient and is audited.
 */
@Named
@ViewScoped
public class TransfersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private Transfers transfers;

    @EJB
    private AuditLog audit;

    @Inject
    private SignedInUser user;

    private String nhsNumber;
    private String ods;
    private TransferStatus status;
    private LocalDate from;
    private LocalDate to;
    private TransferSearch search;
    private final LazyDataModel<Transfer> results = new Results();

    @PostConstruct
    void start() {
        search = new TransferSearch(null, null, null, null, null, null, 0, 25);
    }

    /** Checks the filters and runs the search; a wrong NHS number or ODS code is said next to its field. */
    public void find() {
        try {
            String number = nhsNumber == null || nhsNumber.isBlank() ? null
                    : new NhsNumber(nhsNumber.replace(" ", "")).value();
            String code = ods == null || ods.isBlank() ? null : new OdsCode(ods.strip()).value();
            search = new TransferSearch(code, status, number, from == null ? null
                    : from.atStartOfDay(TransferDashboard.UK).toInstant(), to == null ? null
                    : to.plusDays(1).atStartOfDay(TransferDashboard.UK).toInstant(), null, 0, 25);
            if (number != null) {
                audit.record(new AuditEntry(ActorType.USER, user.getName(), "TRANSFER_SEARCH", "PATIENT", null,
                        number, Outcome.SUCCESS, null));
            }
        } catch (RuntimeException invalid) {
            ConsoleMessages.refused("Check the search", invalid);
        }
    }

    public void clear() {
        nhsNumber = null;
        ods = null;
        status = null;
        from = null;
        to = null;
        start();
    }

    public TransferStatus[] getStatuses() {
        return TransferStatus.values();
    }

    private final class Results extends LazyDataModel<Transfer> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, transfers.count(search));
        }

        @Override
        public List<Transfer> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
            TransferSearch page = new TransferSearch(search.ods(), search.status(), search.nhsNumber(), search.from(),
                    search.to(), null, first / pageSize, pageSize);
            return transfers.search(page, sort == null ? "requestedAt" : sort.getField(),
                    sort != null && sort.getOrder() == SortOrder.ASCENDING);
        }

        @Override
        public String getRowKey(Transfer transfer) {
            return String.valueOf(transfer.getId());
        }
    }

    public LazyDataModel<Transfer> getResults() {
        return results;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public void setNhsNumber(String nhsNumber) {
        this.nhsNumber = nhsNumber;
    }

    public String getOds() {
        return ods;
    }

    public void setOds(String ods) {
        this.ods = ods;
    }

    public TransferStatus getStatus() {
        return status;
    }

    public void setStatus(TransferStatus status) {
        this.status = status;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }
}

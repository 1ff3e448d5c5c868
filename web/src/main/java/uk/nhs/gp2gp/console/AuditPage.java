package uk.nhs.gp2gp.console;

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
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.audit.AuditSearch;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.transfer.TransferDashboard;

/** audit.xhtml: who did what, when, to which record; filtered by person, action, record, patient and date. */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuditSearch audit;

    @EJB
    private AuditLog auditLog;

    @Inject
    private SignedInUser user;

    private String actor;
    private String action;
    private String target;
    private String nhsNumber;
    private LocalDate from;
    private LocalDate to;
    private AuditSearch.Filter filter = new AuditSearch.Filter(null, null, null, null, null, null);
    private final LazyDataModel<AuditEvent> events = new Events();

    public void find() {
        filter = new AuditSearch.Filter(blankToNull(actor), blankToNull(action) == null ? null
                : action.strip().toUpperCase(), blankToNull(target),
                blankToNull(nhsNumber) == null ? null : nhsNumber.replace(" ", ""),
                from == null ? null : from.atStartOfDay(TransferDashboard.UK).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(TransferDashboard.UK).toInstant());
        if (filter.nhsNumber() != null && NhsNumber.isValid(filter.nhsNumber())) {
            // What was done to a patient's record is itself about the patient: the search is a read.
            auditLog.record(new AuditEntry(ActorType.USER, user.getName(), "AUDIT_SEARCH", "PATIENT", null,
                    filter.nhsNumber(), Outcome.SUCCESS, null));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private final class Events extends LazyDataModel<AuditEvent> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, audit.count(filter));
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return audit.find(filter, first, pageSize);
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return String.valueOf(event.getId());
        }
    }

    public LazyDataModel<AuditEvent> getEvents() {
        return events;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public void setNhsNumber(String nhsNumber) {
        this.nhsNumber = nhsNumber;
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

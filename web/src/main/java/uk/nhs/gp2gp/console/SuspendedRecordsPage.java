package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.suspension.RepositorySettings;
import uk.nhs.gp2gp.suspension.SuspendedRecords;
import uk.nhs.gp2gp.suspension.Suspension;
import uk.nhs.gp2gp.suspension.SuspensionHistory;
import uk.nhs.gp2gp.suspension.SuspensionStatus;

/**
 * suspended-records.xhtml?status=&ods=&nhsNumber=: the repository's holdings, and one patient's
 * record with its history (that read is audited, as every read of a patient's record is).
 */
@Named
@RequestScoped
public class SuspendedRecordsPage {

    private static final int SHOWN = 200;

    @EJB
    private SuspendedRecords holdings;

    @Inject
    private RepositorySettings settings;

    @Inject
    private SignedInUser user;

    private SuspensionStatus status;
    private String ods;
    private String nhsNumber;
    private List<Suspension> records = List.of();
    private long total;
    private Suspension selected;
    private List<SuspensionHistory> history = List.of();

    /** Called by f:viewAction. */
    public void load() {
        if (!settings.isOn()) {
            return;
        }
        ods = ods == null || ods.isBlank() ? null : ods.strip().toUpperCase(Locale.ROOT);
        if (nhsNumber != null && !nhsNumber.isBlank()) {
            if (!NhsNumber.isValid(nhsNumber.strip())) {
                ConsoleMessages.refused("No search", new IllegalArgumentException(
                        "The NHS number must be 10 digits with a valid check digit"));
                return;
            }
            SuspendedRecords.Details held = holdings.read(nhsNumber.strip(), Actor.user(user.getName()), "console")
                    .orElse(null);
            selected = held == null ? null : held.suspension();
            history = held == null ? List.of() : held.history();
            return;
        }
        SuspendedRecords.Page page = holdings.page(status, ods, 0, SHOWN);
        records = page.records();
        total = page.total();
    }

    public String show() {
        return "/console/suspended-records?faces-redirect=true&includeViewParams=true";
    }

    public boolean isRepositoryMode() {
        return settings.isOn();
    }

    public String getRepositoryOds() {
        return settings.repositoryOds().orElse("");
    }

    public SuspensionStatus[] getStatuses() {
        return SuspensionStatus.values();
    }

    public List<Suspension> getRecords() {
        return records;
    }

    public long getTotal() {
        return total;
    }

    public int getShown() {
        return SHOWN;
    }

    public Suspension getSelected() {
        return selected;
    }

    public List<SuspensionHistory> getHistory() {
        return history;
    }

    public SuspensionStatus getStatus() {
        return status;
    }

    public void setStatus(SuspensionStatus status) {
        this.status = status;
    }

    public String getOds() {
        return ods;
    }

    public void setOds(String ods) {
        this.ods = ods;
    }

    public String getNhsNumber() {
        return nhsNumber;
    }

    public void setNhsNumber(String nhsNumber) {
        this.nhsNumber = nhsNumber;
    }
}

package uk.nhs.gp2gp.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import uk.nhs.gp2gp.audit.Actor;
import uk.nhs.gp2gp.report.PaperFallback;
import uk.nhs.gp2gp.report.PaperFallbackTask;
import uk.nhs.gp2gp.report.PaperFallbacks;

/**
 * paper-records.xhtml?status=REQUESTED&ods=A12345: the failed transfers whose record has to move on
 * paper, for the practice's support staff to work through and mark done. The list names patients,
 * so each listing is audited (one line per patient) by {@link PaperFallbacks}.
 */
@Named
@ViewScoped
public class PaperRecordsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PaperFallbacks paperFallbacks;

    @Inject
    private SignedInUser user;

    private PaperFallback.Status status = PaperFallback.Status.REQUESTED;
    private String ods;
    private List<PaperFallbackTask> tasks;
    private PaperFallbackTask selected;
    private String doneNote;

    /** Called by f:viewAction. */
    public void load() {
        ods = ods == null || ods.isBlank() ? null : ods.strip().toUpperCase(Locale.ROOT);
        tasks = paperFallbacks.list(status, ods, Actor.user(user.getName()));
    }

    public String show() {
        return "/console/paper-records?faces-redirect=true&includeViewParams=true";
    }

    public void select(PaperFallbackTask task) {
        selected = task;
        doneNote = null;
    }

    public void markDone() {
        try {
            user.require(user.isMayAct());
            paperFallbacks.markDone(selected.id(), Actor.user(user.getName()), doneNote);
            ConsoleMessages.done("Marked done", "Task " + selected.id() + ": the paper record has been sent on.");
            load();
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Not marked done", e);
        }
    }

    /** The list as shown, as CSV for the paper records service (its reading was audited when listed). */
    public StreamedContent getCsv() {
        byte[] csv = PaperFallbacks.csv(tasks).getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().contentType("text/csv; charset=UTF-8")
                .name("gp2gp-paper-records" + (status == null ? "" : "-" + status.name().toLowerCase(Locale.ROOT))
                        + ".csv")
                .stream(() -> new ByteArrayInputStream(csv)).build();
    }

    public PaperFallback.Status[] getStatuses() {
        return PaperFallback.Status.values();
    }

    public List<PaperFallbackTask> getTasks() {
        return tasks;
    }

    public PaperFallbackTask getSelected() {
        return selected;
    }

    public PaperFallback.Status getStatus() {
        return status;
    }

    public void setStatus(PaperFallback.Status status) {
        this.status = status;
    }

    public String getOds() {
        return ods;
    }

    public void setOds(String ods) {
        this.ods = ods;
    }

    public String getDoneNote() {
        return doneNote;
    }

    public void setDoneNote(String doneNote) {
        this.doneNote = doneNote;
    }
}

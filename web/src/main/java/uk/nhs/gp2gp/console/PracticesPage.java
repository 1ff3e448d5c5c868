package uk.nhs.gp2gp.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import uk.nhs.gp2gp.audit.AuditEntry;
import uk.nhs.gp2gp.audit.AuditEvent.ActorType;
import uk.nhs.gp2gp.audit.AuditEvent.Outcome;
import uk.nhs.gp2gp.audit.AuditLog;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.PeerEndpoints;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.PracticeDetails;
import uk.nhs.gp2gp.practice.Practices;

/** practices.xhtml: the practice directory; administrators add and edit (hosted here, or remote with an endpoint). */
@Named
@ViewScoped
public class PracticesPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private Practices practices;

    @EJB
    private AuditLog audit;

    @Inject
    private SignedInUser user;

    @Inject
    private PeerEndpoints endpoints;

    private List<Practice> all;
    private Form form = new Form();

    /** The practice being added or edited, as typed. */
    public static class Form implements Serializable {
        private static final long serialVersionUID = 1L;
        private boolean existing;
        private String odsCode;
        private String name;
        private String asid;
        private String partyKey;
        private boolean hosted = true;
        private String endpointUrl;
        private String supplier;
        private String peer;

        public boolean isExisting() { return existing; }
        public String getOdsCode() { return odsCode; }
        public void setOdsCode(String odsCode) { this.odsCode = odsCode; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getAsid() { return asid; }
        public void setAsid(String asid) { this.asid = asid; }
        public String getPartyKey() { return partyKey; }
        public void setPartyKey(String partyKey) { this.partyKey = partyKey; }
        public boolean isHosted() { return hosted; }
        public void setHosted(boolean hosted) { this.hosted = hosted; }
        public String getEndpointUrl() { return endpointUrl; }
        public void setEndpointUrl(String endpointUrl) { this.endpointUrl = endpointUrl; }
        public String getSupplier() { return supplier; }
        public void setSupplier(String supplier) { this.supplier = supplier; }
        public String getPeer() { return peer; }
        public void setPeer(String peer) { this.peer = peer; }
    }

    @PostConstruct
    void load() {
        all = practices.all();
    }

    public void add() {
        form = new Form();
    }

    public void edit(Practice practice) {
        form = new Form();
        form.existing = true;
        form.odsCode = practice.getOdsCode();
        form.name = practice.getName();
        form.asid = practice.getAsid();
        form.partyKey = practice.getPartyKey();
        form.hosted = practice.isHosted();
        form.endpointUrl = practice.getEndpointUrl();
        form.supplier = practice.getSupplier();
        form.peer = practice.getPeer();
    }

    public void save() {
        try {
            user.require(user.isAdmin());
            OdsCode code = new OdsCode(form.odsCode == null ? "" : form.odsCode.strip());
            if (!form.hosted && (form.endpointUrl == null || form.endpointUrl.isBlank())) {
                throw new IllegalArgumentException("A remote practice needs the endpoint of the instance that hosts it");
            }
            if (!form.hosted) {
                endpoints.refusal(form.endpointUrl).ifPresent(why -> {
                    throw new IllegalArgumentException("Endpoint URL (endpointUrl) " + why);
                });
            }
            // The console does not edit which entry is the national repository: it keeps what the directory says.
            boolean repository = practices.find(code).map(Practice::isNationalRepository).orElse(false);
            boolean created = practices.put(code, new PracticeDetails(form.name, form.asid, form.partyKey,
                    form.hosted, form.hosted ? null : form.endpointUrl.strip(), form.supplier, repository,
                    form.hosted || form.peer == null || form.peer.isBlank() ? null : form.peer.strip()));
            audit.record(new AuditEntry(ActorType.USER, user.getName(), created ? "PRACTICE_CREATE" : "PRACTICE_UPDATE",
                    "PRACTICE", code.value(), null, Outcome.SUCCESS, "console"));
            ConsoleMessages.done("Practice saved", code.value() + (created ? " added" : " updated"));
            load();
        } catch (RuntimeException e) {
            ConsoleMessages.refused("Practice not saved", e);
        }
    }

    public List<Practice> getAll() {
        return all;
    }

    public Form getForm() {
        return form;
    }
}

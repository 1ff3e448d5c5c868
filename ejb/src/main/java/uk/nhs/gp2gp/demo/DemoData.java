package uk.nhs.gp2gp.demo;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.nio.charset.StandardCharsets;
import uk.nhs.gp2gp.demographics.LocalDemographics;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.record.PatientRecords;
import uk.nhs.gp2gp.practice.PracticeDetails;
import uk.nhs.gp2gp.practice.Practices;

/**
 * With gp2gp.demo=true, seeds synthetic practices, records and demographics so that a newcomer can
 * try a whole transfer at once (and, with gp2gp.repository.ods set, a suspension).
 * Only adds what is missing: it never overwrites what an admin changed.
 */
@Singleton
@Startup
@DependsOn("DatabaseStartup")
public class DemoData {

    private static final System.Logger LOG = System.getLogger(DemoData.class.getName());

    /** Synthetic practices: the codes and ASIDs belong to no real organisation. */
    static final DemoPractice[] PRACTICES = {
        new DemoPractice("P99001", "Riverside Demo Surgery", "900000000001"),
        new DemoPractice("P99002", "Hillview Demo Practice", "900000000002"),
    };

    @Inject
    @ConfigProperty(name = "gp2gp.demo", defaultValue = "false")
    private boolean demo;

    @EJB
    private Practices practices;

    @EJB
    private PatientRecords records;

    @EJB
    private LocalDemographics demographics;

    /**
     * Outside a transaction, so that each call commits on its own: a record's upload commits its staged
     * content in transactions of its own, which must see the demo practices already committed.
     */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void seed() {
        if (!demo) {
            return;
        }
        int added = 0;
        for (DemoPractice p : PRACTICES) {
            OdsCode ods = OdsCode.of(p.odsCode());
            if (practices.find(ods).isEmpty()) {
                practices.put(ods, new PracticeDetails(p.name(), p.asid(), p.odsCode() + "-" + p.asid().substring(6),
                        true, null, "GP2GP Hub demo"));
                added++;
            }
        }
        int stored = 0;
        for (String[] patient : DemoRecords.PATIENTS) {
            NhsNumber number = new NhsNumber(patient[0]);
            OdsCode holder = OdsCode.of(patient[1]);
            registeredAtTheOtherPractice(number, holder);
            if (records.find(holder, number).isEmpty()) {
                records.storeChecked(holder, number,
                        DemoRecords.extract(patient[0], patient[1]).getBytes(StandardCharsets.UTF_8));
                stored++;
            }
        }
        NhsNumber large = new NhsNumber(DemoRecords.LARGE_RECORD_PATIENT[0]);
        OdsCode largeHolder = OdsCode.of(DemoRecords.LARGE_RECORD_PATIENT[1]);
        registeredAtTheOtherPractice(large, largeHolder);
        registeredAtTheOtherPractice(new NhsNumber(DemoRecords.UNSTORED_RECORD_PATIENT[0]),
                OdsCode.of(DemoRecords.UNSTORED_RECORD_PATIENT[1]));
        if (records.find(largeHolder, large).isEmpty()) {
            records.storeChecked(largeHolder, large, DemoRecords.extract(large.value(), largeHolder.value())
                    .getBytes(StandardCharsets.UTF_8), DemoRecords.largeRecordFiles().iterator());
            stored++;
        }
        LOG.log(Level.INFO, "Demo data: {0} synthetic practices and {1} synthetic records added", added, stored);
    }

    /**
     * As PDS says of a patient who has just moved: registered at the other demo practice, their record
     * still managed by the one that holds it. The new practice may then ask for it (a record goes only
     * to the practice the patient is registered at).
     */
    private void registeredAtTheOtherPractice(NhsNumber patient, OdsCode holder) {
        if (demographics.find(patient).isEmpty()) {
            String other = holder.value().equals(PRACTICES[0].odsCode()) ? PRACTICES[1].odsCode()
                    : PRACTICES[0].odsCode();
            demographics.put(patient, other, holder.value(), false, null);
        }
    }

    record DemoPractice(String odsCode, String name, String asid) {
    }
}

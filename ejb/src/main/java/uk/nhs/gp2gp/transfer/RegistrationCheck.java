package uk.nhs.gp2gp.transfer;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import uk.nhs.gp2gp.demographics.DemographicRecord;
import uk.nhs.gp2gp.demographics.Demographics;
import uk.nhs.gp2gp.identifier.NhsNumber;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.Practices;

/**
 * A record leaves only for the practice the patient is registered at, as demographics (PDS) say, or,
 * for a suspended patient, for the national repository that manages it now: any other requester, or a
 * patient demographics do not know, is refused with code 19. Only a test
 * lab may turn it off ({@code gp2gp.sender.check-registration=false}), and the log says so at start.
 */
@ApplicationScoped
public class RegistrationCheck {

    private static final System.Logger LOG = System.getLogger(RegistrationCheck.class.getName());

    @EJB
    private Demographics demographics;

    @EJB
    private Practices practices;

    @Inject
    @ConfigProperty(name = "gp2gp.sender.check-registration", defaultValue = "true")
    private boolean enabled;

    void warnWhenOff(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!enabled) {
            LOG.log(Level.WARNING, "gp2gp.sender.check-registration=false: records are sent to any practice that "
                    + "asks, whether or not the patient is registered there. For test labs only, never in production.");
        }
    }

    /** Why the record of this request may not go to its requesting practice; empty when it may. */
    public Optional<String> refusal(Transfer request) {
        if (!enabled) {
            return Optional.empty();
        }
        return refusal(request.getRequestingOds(), demographics.current(new NhsNumber(request.getNhsNumber())),
                ods -> practices.find(OdsCode.of(ods)).filter(Practice::isNationalRepository).isPresent());
    }

    /** The rule itself: what demographics say of the patient against who asks (the directory asked only if needed). */
    static Optional<String> refusal(String requester, Optional<DemographicRecord> patient,
            Predicate<String> isNationalRepository) {
        if (patient.isEmpty()) {
            return Optional.of("The demographics do not know this patient, so the record cannot be sent");
        }
        String registeredAt = patient.get().registeredOds();
        if (requester.equals(registeredAt)) {
            return Optional.empty();
        }
        if (patient.get().isSuspended() && requester.equals(patient.get().managingOds())
                && isNationalRepository.test(requester)) {
            // A suspended patient: the national repository that now manages the record takes it into its care.
            return Optional.empty();
        }
        return Optional.of("The requesting practice " + requester + " is not the patient's registered practice"
                + " (demographics say " + (registeredAt == null ? "none" : registeredAt) + ")");
    }
}

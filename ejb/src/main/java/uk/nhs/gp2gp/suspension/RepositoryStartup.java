package uk.nhs.gp2gp.suspension;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import uk.nhs.gp2gp.identifier.OdsCode;
import uk.nhs.gp2gp.practice.Practice;
import uk.nhs.gp2gp.practice.PracticeDetails;
import uk.nhs.gp2gp.practice.Practices;

/** In repository mode, the repository is in the practice directory as a hosted party, marked as the repository. */
@Singleton
@Startup
@DependsOn("DatabaseStartup")
public class RepositoryStartup {

    private static final System.Logger LOG = System.getLogger(RepositoryStartup.class.getName());

    @Inject
    private RepositorySettings settings;

    @EJB
    private Practices practices;

    @PostConstruct
    void register() {
        settings.repositoryOds().ifPresent(code -> {
            OdsCode ods = OdsCode.of(code);
            boolean current = practices.find(ods).filter(p -> p.isHosted() && p.isNationalRepository()
                    && settings.asid().equals(p.getAsid())).isPresent();
            if (!current) {
                String name = practices.find(ods).map(Practice::getName).orElse(settings.name());
                practices.put(ods, new PracticeDetails(name, settings.asid(), code + "-" + settings.asid(), true, null,
                        "GP2GP Hub", true, null));
            }
            LOG.log(Level.INFO, "Repository mode: holding suspended patients'' records as {0}", code);
        });
    }
}

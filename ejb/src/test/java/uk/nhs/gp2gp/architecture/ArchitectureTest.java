package uk.nhs.gp2gp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateless;
import java.time.Instant;
import uk.nhs.gp2gp.transfer.Transfer;
import uk.nhs.gp2gp.transfer.TransferStatus;
import uk.nhs.gp2gp.transfer.TransferStore;

/**
 * Which component may depend on which, checked on the compiled classes (the business code and the
 * entities it is built on, tests left out). Dependencies point one way: what follows transfers
 * observes their events instead of being called by them.
 */
@AnalyzeClasses(packages = "uk.nhs.gp2gp",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /** Leaves out the persistence module's test-jar too (its test helpers), which Maven gives as a jar in verify. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    @ArchTest
    static final ArchRule transfersDoNotKnowTheSuspendedRecordsRepository = noClasses()
            .that().resideInAPackage("uk.nhs.gp2gp.transfer..")
            .should().dependOnClassesThat().resideInAPackage("uk.nhs.gp2gp.suspension..")
            .because("the repository follows transfers through TransferMoved events");

    @ArchTest
    static final ArchRule recordsDoNotKnowTransfers = noClasses()
            .that().resideInAPackage("uk.nhs.gp2gp.record..")
            .should().dependOnClassesThat().resideInAPackage("uk.nhs.gp2gp.transfer..")
            .because("a stored record is the practices' own, whatever transfer brought it");

    @ArchTest
    static final ArchRule onlyTheMessagePackageReadsOrWritesXmlStreams = noClasses()
            .that().resideOutsideOfPackage("uk.nhs.gp2gp.message..")
            .should().dependOnClassesThat().resideInAPackage("javax.xml.stream..")
            .because("message is the one place that knows the wire formats");

    @ArchTest
    static final ArchRule everyMoveOfATransferGoesThroughTheStore = noClasses()
            .that().doNotBelongToAnyOf(Transfer.class, TransferStore.class)
            .should().callMethod(Transfer.class, "moveTo", TransferStatus.class, Instant.class)
            .orShould().callMethod(Transfer.class, "fail", TransferStatus.class, String.class, String.class,
                    Instant.class)
            .because("TransferStore fires TransferMoved for every move, so that no follower misses one");

    @ArchTest
    static final ArchRule noCyclesBetweenComponents = slices().matching("uk.nhs.gp2gp.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule sessionBeansRefuseWithApplicationExceptions = noClasses()
            .that().areAnnotatedWith(Stateless.class).or().areAnnotatedWith(Singleton.class)
            .should().callConstructor(IllegalArgumentException.class, String.class)
            .because("a bean's refusal of what it was asked is a business refusal: an @ApplicationException that"
                    + " reaches the caller as thrown and becomes a problem, not a system exception wrapped in"
                    + " EJBException");
}

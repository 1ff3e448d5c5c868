package uk.nhs.gp2gp.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The class starts Payara Micro servers of its own ({@link PeerInstance}) and does not use the shared
 * ones, so it runs beside the classes on the shared servers, which run one after another (the failsafe
 * configuration in web/pom.xml). One such class at a time: two lanes, for the machine's two cores.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("servers-of-their-own")
public @interface OwnServers {
}

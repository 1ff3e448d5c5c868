package uk.nhs.gp2gp.mhs;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.concurrent.ManagedThreadFactoryDefinition;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.System.Logger.Level;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the inbound queue's consumer with the application and stops it with it, on a managed thread
 * ({@value #THREADS}: defined on a web component, where Payara binds it, as the outbox drains are).
 */
@WebListener
@ManagedThreadFactoryDefinition(name = InboundQueueStartup.THREADS)
public class InboundQueueStartup implements ServletContextListener {

    static final String THREADS = "java:app/concurrent/InboundQueueThreads";
    private static final String DEFAULT_THREADS = "java:comp/DefaultManagedThreadFactory";
    private static final System.Logger LOG = System.getLogger(InboundQueueStartup.class.getName());

    @Inject
    private InboundQueueConsumer consumer;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        InboundQueueSettings settings = InboundQueueSettings.read(ConfigProvider.getConfig());
        if (!settings.configured()) {
            LOG.log(Level.INFO, "No inbound queue (gp2gp.inbound.amqp.brokers is not set): messages come in "
                    + "through POST /mhs/inbound only");
        }
        consumer.start(settings, threads());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        consumer.stop();
    }

    /** Looked up, not injected: Payara's deployment check refuses an injected java:app name. */
    private static ManagedThreadFactory threads() {
        try {
            return InitialContext.doLookup(THREADS);
        } catch (NamingException e) {
            try {
                return InitialContext.doLookup(DEFAULT_THREADS);
            } catch (NamingException none) {
                throw new IllegalStateException("No managed thread factory for the inbound queue", none);
            }
        }
    }
}

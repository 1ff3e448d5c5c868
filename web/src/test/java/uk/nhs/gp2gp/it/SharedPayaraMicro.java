package uk.nhs.gp2gp.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;

/**
 * One Payara Micro per container of arquillian.xml for the whole test run, instead of one per test
 * class: the managed adaptor starts a server when a class deploys and stops it when the class
 * undeploys (24-30 s each). Here the first deployment starts it, every later deployment of the same
 * archive is served by the running server, and the server stops when the suite stops the container.
 */
public class SharedPayaraMicro extends PayaraMicroDeployableContainer {

    private Archive<?> deployed;
    private ProtocolMetaData served;

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (deployed == null) {
            try {
                served = super.deploy(archive);
            } catch (DeploymentException | RuntimeException e) {
                // Not up in time: stop what was started; the next class tries a fresh start.
                super.undeploy(archive);
                throw e;
            }
            deployed = archive;
        } else if (!deployed.getContent().keySet().equals(archive.getContent().keySet())) {
            // A class with a different archive needs a container of its own in arquillian.xml.
            throw new DeploymentException("This container already serves " + deployed.getName()
                    + " with other content; give " + archive.getName() + " its own container (@TargetsContainer)");
        }
        return served;
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // The server stays up for the next test class; stop() ends it.
    }

    @Override
    public synchronized void stop() throws LifecycleException {
        if (deployed != null) {
            try {
                super.undeploy(deployed);
            } catch (DeploymentException e) {
                throw new LifecycleException("Could not stop Payara Micro", e);
            }
            deployed = null;
        }
    }

    /** Registered in META-INF/services: replaces the adaptor's container with the shared one. */
    public static class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.override(DeployableContainer.class, PayaraMicroDeployableContainer.class, SharedPayaraMicro.class);
        }
    }
}

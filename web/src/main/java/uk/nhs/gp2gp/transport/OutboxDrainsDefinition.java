package uk.nhs.gp2gp.transport;

import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The bounded executor the outbox relay drains on: at most four drains at once on a node. Defined on
 * a web component because Payara binds a definition found there, and not one on an EJB in a library jar.
 */
@WebListener
@ManagedExecutorDefinition(name = OutboxRelay.DRAINS, maxAsync = 4)
public class OutboxDrainsDefinition implements ServletContextListener {
}

package uk.nhs.gp2gp.mhs;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.ThreadFactory;
import org.apache.qpid.jms.JmsConnection;
import org.apache.qpid.jms.JmsConnectionListener;
import org.apache.qpid.jms.message.JmsInboundMessageDispatch;
import uk.nhs.gp2gp.transport.InboundDeadLetters;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;

/**
 * Takes the MHS adaptor's inbound queue, one message at a time on one managed thread, through the same
 * door as {@code POST /mhs/inbound} ({@link InboundReceiver}, as the MHS adaptor). A message is
 * acknowledged to the broker only once that call has returned, its transaction committed; a crash in
 * between brings it back, and the door processes it once. A message that is refused, or fails, is tried
 * again after a pause (session recover: it stays held by this node meanwhile), and after
 * gp2gp.inbound.amqp.max-attempts it is kept in the database for the console and sent to the
 * dead-letter queue before it is acknowledged. Nodes sharing the queue each prefetch one message.
 */
@ApplicationScoped
public class InboundQueueConsumer {

    private static final System.Logger LOG = System.getLogger(InboundQueueConsumer.class.getName());

    /** How long one receive waits before the loop checks it should still run. */
    private static final long RECEIVE_WAIT_MS = 1000;
    /** The pause before a new connection when the last one failed outside Qpid's failover (a refused link). */
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(5);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

    @EJB
    private InboundReceiver inbound;

    @EJB
    private InboundDeadLetters deadLetters;

    private final AttemptCounter attempts = new AttemptCounter(10_000);
    private volatile InboundQueueSettings settings;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Connection connection;
    private Thread thread;

    /** For CDI. */
    protected InboundQueueConsumer() {
    }

    /** The consumer's steps without a container or broker (the unit test's). */
    InboundQueueConsumer(InboundReceiver inbound, InboundDeadLetters deadLetters, InboundQueueSettings settings) {
        this.inbound = inbound;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    /** Starts consuming on a thread of {@code threads}, unless no broker is configured. */
    synchronized void start(InboundQueueSettings configured, ThreadFactory threads) {
        settings = configured;
        if (!configured.configured() || running) {
            return;
        }
        running = true;
        thread = threads.newThread(this::consume);
        thread.setName("gp2gp-inbound-queue");
        thread.start();
    }

    /** Lets the message in hand finish, then closes the connection: unacknowledged messages go back to the queue. */
    synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        try {
            if (!connected) {
                closeQuietly(connection); // still connecting: nothing in hand to let finish
            }
            thread.join(STOP_PATIENCE.toMillis());
            closeQuietly(connection);
            thread.interrupt();
            thread.join(STOP_PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    /** Whether a queue is configured at all; without one there is no consumer. */
    public boolean isConfigured() {
        return settings != null && settings.configured();
    }

    /** Connected to a broker with the queue open. */
    public boolean isConnected() {
        return running && connected;
    }

    /** The queue and its brokers, without credentials. */
    public String describe() {
        return settings == null || !settings.configured() ? "not configured" : settings.describe();
    }

    private void consume() {
        LOG.log(Level.INFO, "Consuming the MHS adaptor''s inbound queue {0}", settings.describe());
        while (running) {
            try (Connection opened = settings.connectionFactory().createConnection()) {
                connection = opened;
                ((JmsConnection) opened).addConnectionListener(new ConnectionState());
                opened.start();
                Session session = opened.createSession(Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(settings.queue()));
                MessageProducer deadLetterQueue = session.createProducer(session.createQueue(settings.deadLetterQueue()));
                connected = true;
                while (running) {
                    Message message = consumer.receive(RECEIVE_WAIT_MS);
                    if (message != null) {
                        take(message, session, deadLetterQueue);
                    }
                }
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "The inbound queue {0} is not available ({1}); connecting again in {2}",
                            settings.describe(), e.toString(), RECONNECT_PAUSE);
                    pause(RECONNECT_PAUSE);
                }
            } finally {
                connected = false;
                connection = null;
            }
        }
        LOG.log(Level.INFO, "Stopped consuming the inbound queue {0}", settings.describe());
    }

    /** One message: taken, tried again after a pause, or set aside. Never acknowledged before its commit. */
    void take(Message message, Session session, MessageProducer deadLetterQueue) throws JMSException {
        InboundQueueMessage read = InboundQueueMessage.read(message);
        Failure failure = read.readable() ? process(read) : new Failure("The message body is neither text nor bytes", null);
        if (failure == null) {
            message.acknowledge();
            attempts.forget(read.queueMessageId());
            return;
        }
        int tried = read.readable() ? attempts.failed(read.queueMessageId()) : settings.maxAttempts();
        if (tried < settings.maxAttempts()) {
            Duration pause = settings.pauseAfter(tried);
            LOG.log(Level.WARNING, "Inbound queue message {0} (conversation {1}): attempt {2} of {3} failed: {4}; "
                    + "trying again in {5}", read.messageId(), read.correlationId(), tried, settings.maxAttempts(),
                    failure.summary(), pause);
            pause(pause);
            session.recover();
            return;
        }
        setAside(message, read, tried, failure, session, deadLetterQueue);
    }

    /** Null when processed (or a duplicate); otherwise why not. */
    private Failure process(InboundQueueMessage read) {
        try {
            InboundOutcome outcome = inbound.receive(read.envelope(), InboundSource.MHS);
            return outcome.isRefused() ? new Failure("Refused (" + outcome.kind() + ")", outcome.detail()) : null;
        } catch (RuntimeException e) {
            // The exception types only: a message text could quote what the database was given.
            return new Failure("Not processed: " + causes(e), null);
        }
    }

    /**
     * Why a message was not taken: the summary for the log; with the door's detail (which may quote a
     * field of the message) for the database and the dead-letter queue only.
     */
    private record Failure(String summary, String detail) {
        String reason() {
            return detail == null ? summary : summary + ": " + detail;
        }
    }

    /**
     * Kept in the database first (the console shows it, the envelope is not lost), then sent to the
     * dead-letter queue, then acknowledged. While the database cannot keep it, it stays on the queue.
     */
    private void setAside(Message message, InboundQueueMessage read, int tried, Failure failure, Session session,
            MessageProducer deadLetterQueue) throws JMSException {
        try {
            deadLetters.setAside(read.queueMessageId(), read.messageId(), read.correlationId(),
                    read.readable() ? read.envelope() : new byte[0], tried, failure.reason());
        } catch (RuntimeException e) {
            Duration pause = settings.pauseAfter(tried);
            LOG.log(Level.WARNING, "Inbound queue message {0} could not be set aside ({1}); it stays on the queue, "
                    + "tried again in {2}", read.messageId(), causes(e), pause);
            pause(pause);
            session.recover();
            return;
        }
        // Counted from one again: should the message come back (the send or the acknowledgement failed), the
        // attempts it is then given add to those just kept, as they would on another node.
        attempts.forget(read.queueMessageId());
        deadLetterQueue.send(copy(message, session, tried, failure.reason()));
        message.acknowledge();
        LOG.log(Level.WARNING, "Inbound queue message {0} (conversation {1}) set aside on {2} after {3} attempt(s): {4}",
                read.messageId(), read.correlationId(), settings.deadLetterQueue(), tried, failure.summary());
    }

    /** The same body and application properties, and why it was set aside. */
    private static Message copy(Message message, Session session, int tried, String failure) throws JMSException {
        Message copy;
        if (message instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else if (message instanceof BytesMessage) {
            BytesMessage bytes = session.createBytesMessage();
            byte[] body = message.getBody(byte[].class);
            bytes.writeBytes(body == null ? new byte[0] : body);
            copy = bytes;
        } else {
            copy = session.createMessage();
        }
        for (Object name : Collections.list(message.getPropertyNames())) {
            if (!name.toString().startsWith("JMSX")) {
                copy.setObjectProperty(name.toString(), message.getObjectProperty(name.toString()));
            }
        }
        copy.setJMSCorrelationID(message.getJMSCorrelationID());
        copy.setStringProperty("gp2gp-dead-letter-reason", failure);
        copy.setIntProperty("gp2gp-attempts", tried);
        return copy;
    }

    private static String causes(Throwable e) {
        StringBuilder names = new StringBuilder(e.getClass().getSimpleName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            names.append(" <- ").append(cause.getClass().getSimpleName());
        }
        return names.toString();
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection open) {
        if (open != null) {
            try {
                open.close();
            } catch (JMSException e) {
                LOG.log(Level.DEBUG, "Closing the inbound queue connection: {0}", e.toString());
            }
        }
    }

    /** Qpid's failover tells when the broker goes and comes back: the readiness check reports it. */
    private final class ConnectionState implements JmsConnectionListener {

        @Override
        public void onConnectionEstablished(URI remoteURI) {
            LOG.log(Level.INFO, "Connected to the broker of the inbound queue");
        }

        @Override
        public void onConnectionFailure(Throwable error) {
            connected = false;
        }

        @Override
        public void onConnectionInterrupted(URI remoteURI) {
            connected = false;
            LOG.log(Level.WARNING, "Lost the broker of the inbound queue; reconnecting");
        }

        @Override
        public void onConnectionRestored(URI remoteURI) {
            connected = true;
            LOG.log(Level.INFO, "Reconnected to the broker of the inbound queue");
        }

        @Override
        public void onInboundMessage(JmsInboundMessageDispatch envelope) {
        }

        @Override
        public void onSessionClosed(Session session, Throwable cause) {
            connected = false;
        }

        @Override
        public void onConsumerClosed(MessageConsumer consumer, Throwable cause) {
            connected = false;
        }

        @Override
        public void onProducerClosed(MessageProducer producer, Throwable cause) {
            connected = false;
        }
    }
}

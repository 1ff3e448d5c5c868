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
import uk.nhs.gp2gp.transfer.InboundDeadLetters;
import uk.nhs.gp2gp.transport.InboundOutcome;
import uk.nhs.gp2gp.transport.InboundReceiver;
import uk.nhs.gp2gp.transport.InboundSource;

/**
 * Takes the MHS adaptor's inbound queue, one message at a time on one managed thread, through the same
 * door as {@code POST /mhs/inbound} ({@link InboundReceiver}, as the MHS adaptor). A message is
 * acknowledged to the broker only once that call has returned, its transaction committed; a crash in
 * between brings it back, and the door processes it once. What will never go better is set aside at
 * its first attempt: a refusal of the door, a body that cannot be read or is larger than the door takes.
 * A technical failure (an exception: the database away) is tried again after a pause that doubles from
 * gp2gp.inbound.amqp.retry-delay up to a minute (session recover: it stays held by this node meanwhile);
 * only after gp2gp.inbound.amqp.max-attempts (by default some five minutes: a database failover is
 * waited out) is it set aside. Set aside: kept in the database for the console, sent to the dead-letter
 * queue, then acknowledged. Attempts are counted by this node and by the broker (JMSXDeliveryCount),
 * whichever is higher. Nodes sharing the queue each prefetch one message.
 */
@ApplicationScoped
public class InboundQueueConsumer {

    private static final System.Logger LOG = System.getLogger(InboundQueueConsumer.class.getName());

    /** How long one receive waits before the loop checks it should still run. */
    private static final long RECEIVE_WAIT_MS = 1000;
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
    /**
     * The pause before a new connection when the last one failed outside Qpid's failover (a refused link),
     * or anything unforeseen broke the loop. Shorter in the unit test only.
     */
    Duration reconnectPause = Duration.ofSeconds(5);

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

    /** Runs until stopped: nothing that goes wrong, not even an Error, ends the thread for good. */
    void consume() {
        LOG.log(Level.INFO, "Consuming the MHS adaptor''s inbound queue {0}", settings.describe());
        while (running) {
            try (Connection opened = open()) {
                connection = opened;
                if (opened instanceof JmsConnection qpid) {
                    qpid.addConnectionListener(new ConnectionState());
                }
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
            } catch (Throwable e) {
                if (running) {
                    // The type only: a message text could quote the broker's address or a message's content.
                    LOG.log(Level.WARNING, "The inbound queue is not available ({0}); connecting again in {1}",
                            causes(e), reconnectPause);
                    pause(reconnectPause);
                }
            } finally {
                connected = false;
                connection = null;
            }
        }
        LOG.log(Level.INFO, "Stopped consuming the inbound queue {0}", settings.describe());
    }

    /** A new connection to the brokers (the unit test's own without one). */
    Connection open() throws JMSException {
        return settings.connectionFactory().createConnection();
    }

    /**
     * One message: taken; set aside at once when it will never go better; tried again after a pause while
     * attempts are left; or set aside. Never acknowledged before its commit.
     */
    void take(Message message, Session session, MessageProducer deadLetterQueue) throws JMSException {
        InboundQueueMessage read = InboundQueueMessage.read(message);
        Failure failure = read.readable() ? process(read) : new Failure(read.unreadable(), null, true);
        if (failure == null) {
            message.acknowledge();
            attempts.forget(read.queueMessageId());
            return;
        }
        int tried = Math.max(attempts.failed(read.queueMessageId()), read.deliveryCount());
        if (!failure.settled() && tried < settings.maxAttempts()) {
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
            return outcome.isRefused() ? new Failure("Refused (" + outcome.kind() + ")", outcome.detail(), true) : null;
        } catch (Throwable e) {
            // Any Throwable (a StackOverflowError in a deep document too) is counted, never loops the message.
            // The exception types only: a message text could quote what the database was given.
            return new Failure("Not processed: " + causes(e), null, false);
        }
    }

    /**
     * Why a message was not taken: the summary for the log and the console; the door's detail (which may
     * quote a field of the message) for the database and the dead-letter queue only.
     *
     * @param settled the same would happen at every attempt (a refusal, an unreadable body): no retry
     */
    private record Failure(String summary, String detail, boolean settled) {
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
                    read.readable() ? read.envelope() : new byte[0], tried, failure.summary(), failure.detail());
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

    /**
     * The same body and application properties, and why it was set aside. A body or property the client
     * cannot read is left out (the reason says why), so that the copy is sent and the message leaves the queue.
     */
    private static Message copy(Message message, Session session, int tried, String failure) throws JMSException {
        Message copy;
        try {
            copy = withBody(message, session);
        } catch (JMSException | RuntimeException unreadable) {
            copy = session.createMessage();
        }
        try {
            for (Object name : Collections.list(message.getPropertyNames())) {
                if (!name.toString().startsWith("JMSX")) {
                    copy.setObjectProperty(name.toString(), message.getObjectProperty(name.toString()));
                }
            }
            copy.setJMSCorrelationID(message.getJMSCorrelationID());
        } catch (JMSException | RuntimeException unreadable) {
            // What was copied stays; the message ids are in the database row too.
        }
        copy.setStringProperty("gp2gp-dead-letter-reason", failure);
        copy.setIntProperty("gp2gp-attempts", tried);
        return copy;
    }

    private static Message withBody(Message message, Session session) throws JMSException {
        if (message instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (message instanceof BytesMessage) {
            BytesMessage bytes = session.createBytesMessage();
            byte[] body = message.getBody(byte[].class);
            bytes.writeBytes(body == null ? new byte[0] : body);
            return bytes;
        }
        return session.createMessage();
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

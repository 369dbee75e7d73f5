package ai.adoption.eventsourcing.relay;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What wakes the relay: a local commit in-process ({@link #wake()}), other instances' commits by
 * LISTEN/NOTIFY on {@link RelaySettings#channel()} (a listener thread on its own connection), and
 * otherwise the poll interval. A standby instance forwards its local commits to the leader by NOTIFY.
 * NOTIFY is deliberately not issued inside write transactions: it takes a database-wide lock at commit
 * and would serialise every writer.
 *
 * <h2>Adaptive linger</h2>
 * After a wake-up the relay may wait up to {@link RelaySettings#linger()} before it reads, so that the
 * commits of those milliseconds go out in one batch, i.e. one Kafka transaction (each costs the broker a
 * coordinator round trip and markers). It only lingers while it is busy: when its last read found at
 * least {@link #BUSY_READ} events. A light or idle relay reads at once, so a single commit's lag does not
 * pay for a batching that would gain nothing.
 */
final class RelayWakeUps implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayWakeUps.class);
    /** A read of at least this many events means commits arrive faster than the relay goes round. */
    static final int BUSY_READ = 4;

    private final RelaySettings settings;
    private final RelayConnections connections;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean localCommitPending = new AtomicBoolean();
    private volatile boolean running;
    private Thread listenerThread;

    RelayWakeUps(RelaySettings settings, RelayConnections connections) {
        this.settings = settings;
        this.connections = connections;
    }

    /** How long to linger after a wake-up, given how many events the last read found. */
    static Duration linger(Duration max, int lastRead) {
        return lastRead >= BUSY_READ ? max : Duration.ZERO;
    }

    void start() {
        running = true;
        listenerThread = new Thread(this::listenLoop, "outbox-relay-listener");
        listenerThread.setDaemon(true);
        listenerThread.start();
    }

    /** A local commit: publish now (or, on a standby instance, tell the leader). */
    void wake() {
        localCommitPending.set(true);
        wake.release();
    }

    /** Wakes the relay thread without a commit (to stop it). */
    void interrupt() {
        wake.release();
    }

    /** Whether a local commit arrived since the last call. */
    boolean takeLocalCommit() {
        return localCommitPending.getAndSet(false);
    }

    /** Tells the leader, which may be another instance, that commits wait. */
    void notifyLeader(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_notify(?, '')")) {
            ps.setString(1, settings.channel());
            ps.execute();
        }
    }

    /**
     * Waits up to {@code waitMs} for a wake-up; after one, lingers (see "Adaptive linger") if
     * {@code lingerAllowed} and the last read found {@code lastRead} events.
     */
    void await(long waitMs, boolean lingerAllowed, int lastRead) throws InterruptedException {
        if (wake.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
            long lingerMs = linger(settings.linger(), lastRead).toMillis();
            if (lingerMs > 0 && lingerAllowed) {
                Thread.sleep(lingerMs);
            }
            wake.drainPermits();
        }
    }

    @Override
    public void close() {
        running = false;
        wake.release();
        if (listenerThread != null) {
            try {
                listenerThread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void listenLoop() {
        Connection listening = null;
        while (running) {
            try {
                if (listening == null) {
                    listening = connections.open();
                    listening.setAutoCommit(true);
                    try (Statement st = listening.createStatement()) {
                        st.execute("listen " + settings.channel());
                    }
                }
                PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(1000);
                if (notifications != null && notifications.length > 0) {
                    wake.release();
                }
            } catch (SQLException e) {
                LOG.debugf("Relay listener reconnecting: %s", e.getMessage());
                RelayConnections.closeQuietly(listening);
                listening = null;
                pause();
            }
        }
        RelayConnections.closeQuietly(listening);
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(1000, settings.pollInterval().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

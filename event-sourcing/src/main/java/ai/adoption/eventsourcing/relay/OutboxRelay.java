package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.relay.TransactionalPublisher.Outcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes committed events from the event store to Kafka, at least once, in stream order: the loop
 * that drives the relay's parts, each a class of its own:
 * <ul>
 *   <li>{@link RelayLeadership}: one active relay per database (a session advisory lock);</li>
 *   <li>{@link RelayCheckpoint}: where the relay has got to, written at most every
 *       {@link RelaySettings#checkpointInterval()}, refused if it belongs to another cluster;</li>
 *   <li>{@link OutboxReader}: the xmin-gated reader, in (transaction id, position) order, with the
 *       earlier versions of a batch's streams ({@link RelayQueries}: index scans only);</li>
 *   <li>{@link TransactionalPublisher}: one Kafka transaction per batch;</li>
 *   <li>{@link PoisonParking}: records Kafka rejects for good, and the events waiting behind them;</li>
 *   <li>{@link RelayWakeUps}: local commits, LISTEN/NOTIFY, the adaptive linger;</li>
 *   <li>{@link RelayMetrics}: counters, the lag timer and the gauges.</li>
 * </ul>
 *
 * <h2>The loop</h2>
 * The leader reads a batch beyond the checkpoint, publishes it and advances the checkpoint; after a
 * full batch it goes round at once. When committed rows wait behind the xmin gate it polls again after
 * 10 ms, backing off to 50 ms, instead of sleeping for the poll interval (nothing wakes it when an
 * unrelated transaction ends); {@code eventsourcing.relay.xmin.gate.age} shows how long the oldest
 * gating transaction has been open. Otherwise it waits for a wake-up, the poll interval, or the
 * checkpoint's next write, whichever comes first. Instances that are not the leader NOTIFY the channel
 * after their local commits so that the leader wakes at once. A graceful stop writes the checkpoint
 * before the advisory lock goes, so a hand-over publishes nothing twice.
 *
 * <h2>Liveness</h2>
 * Every round of the loop, successful or not, stamps its completion; {@link #isLive()} is false
 * when no round completed within {@link RelaySettings#effectiveLivenessTimeout()}, i.e. the thread
 * hangs (e.g. on a half-open connection, which the connection's socket timeout also cuts).
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Longest a producer call blocks: send() waiting for metadata, initTransactions, commit, abort. */
    public static final int MAX_BLOCK_MS = TransactionalPublisher.MAX_BLOCK_MS;
    /** Longest the producer waits for one broker response before retrying the request. */
    public static final int REQUEST_TIMEOUT_MS = TransactionalPublisher.REQUEST_TIMEOUT_MS;
    /** Longest a record may take from send() to acknowledgement, retries included; then the batch fails. */
    public static final int DELIVERY_TIMEOUT_MS = TransactionalPublisher.DELIVERY_TIMEOUT_MS;
    /** A transaction a dead leader left open is aborted by the coordinator after this long (or at once by the next leader). */
    public static final int TRANSACTION_TIMEOUT_MS = TransactionalPublisher.TRANSACTION_TIMEOUT_MS;
    private static final long GATE_BACKOFF_FIRST_MS = 10;
    private static final long GATE_BACKOFF_MAX_MS = 50;

    /** Opens a new, dedicated JDBC connection. */
    @FunctionalInterface
    public interface ConnectionFactory extends RelayConnections {
    }

    private enum Round { MORE, GATED, IDLE }

    private final RelaySettings settings;
    private final RelayConnections connections;
    private final RelayLeadership leadership;
    private final RelayCheckpoint checkpoint;
    private final OutboxReader reader;
    private final RelayMetrics metrics;
    private final TransactionalPublisher publisher;
    private final PoisonParking parking;
    private final RelayWakeUps wakeUps;

    private volatile boolean running;
    private volatile long lastRoundCompletedNanos = System.nanoTime();
    private Thread relayThread;
    private Connection connection;
    private long gateBackoffMs;
    private int lastRead;

    public OutboxRelay(RelaySettings settings, ConnectionFactory connections, Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this(settings, connections, kafkaConfig, meters, OpenTelemetry.noop());
    }

    /**
     * A relay whose publications are PRODUCER spans of {@code telemetry} ({@link PublishTracing}); with
     * {@link OpenTelemetry#noop()} the records still carry the stored trace context in their headers.
     */
    public OutboxRelay(RelaySettings settings, ConnectionFactory connections, Map<String, Object> kafkaConfig, MeterRegistry meters,
                       OpenTelemetry telemetry) {
        this.settings = settings;
        this.connections = connections;
        this.leadership = new RelayLeadership(settings.lockKey());
        this.checkpoint = new RelayCheckpoint(settings.checkpointInterval());
        this.reader = new OutboxReader(settings.batchSize());
        this.metrics = new RelayMetrics(meters, connections, settings.gaugeInterval(), leadership, checkpoint);
        this.publisher = new TransactionalPublisher(settings, kafkaConfig, metrics,
                new PublishTracing(telemetry.getTracer(PublishTracing.INSTRUMENTATION)));
        this.parking = new PoisonParking(publisher, reader, metrics);
        this.wakeUps = new RelayWakeUps(settings, connections);
    }

    /** The transactional id this relay's producer uses; all instances of one service share it. */
    public String transactionalId() {
        return publisher.transactionalId();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        lastRoundCompletedNanos = System.nanoTime();
        relayThread = new Thread(this::relayLoop, "outbox-relay");
        relayThread.setDaemon(true);
        relayThread.start();
        wakeUps.start();
        metrics.start();
    }

    /** Called after a local commit: publish now (or, on a standby instance, tell the leader). */
    public void wake() {
        wakeUps.wake();
    }

    public boolean isRunning() {
        return running && relayThread != null && relayThread.isAlive();
    }

    /**
     * Running, and a round of the relay loop completed within the liveness timeout. A thread stuck in a
     * statement or a Kafka call (which are all bounded) makes this false.
     */
    public boolean isLive() {
        return isRunning() && sinceLastRound().compareTo(settings.effectiveLivenessTimeout()) <= 0;
    }

    /** Time since the relay loop last completed a round (or since the start). */
    public Duration sinceLastRound() {
        return Duration.ofNanos(System.nanoTime() - lastRoundCompletedNanos);
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    /** Committed events beyond the stored checkpoint, as last measured by the gauge timer (-1 before the first measure). */
    public long unpublished() {
        return metrics.unpublished();
    }

    /** Parked poison records, as last measured (-1 before the first measure). */
    public long parked() {
        return metrics.parked();
    }

    /** Events waiting behind a parked poison record, as last measured (-1 before the first measure). */
    public long held() {
        return metrics.held();
    }

    /** Age of the oldest open write transaction while committed events wait behind the xmin gate (zero if none). */
    public Duration xminGateAge() {
        return metrics.xminGateAge();
    }

    /** Why the relay refuses to publish (its checkpoint belongs to another cluster), if it does. */
    public Optional<String> checkpointMismatch() {
        return checkpoint.mismatch();
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        wakeUps.interrupt();
        join(relayThread);
        wakeUps.close();
        metrics.close();
        closeConnection();
        publisher.close();
    }

    private void relayLoop() {
        while (running) {
            long waitMs = settings.pollInterval().toMillis();
            try {
                if (connection == null) {
                    connection = connections.open();
                    connection.setAutoCommit(true);
                    try (Statement st = connection.createStatement()) {
                        // a checkpoint lost in a crash only means re-publishing (at least once); don't
                        // make every checkpoint update wait for a WAL flush next to the command commits
                        st.execute("set synchronous_commit = off");
                    }
                }
                if (leadership.tryAcquire(connection)) {
                    becomeLeader();
                }
                if (leadership.isLeader()) {
                    wakeUps.takeLocalCommit();
                    Round round = leaderRound();
                    checkpoint.writeIfDue(connection);
                    if (round == Round.MORE) {
                        gateBackoffMs = 0;
                        roundCompleted();
                        continue;
                    }
                    if (round == Round.GATED) {
                        gateBackoffMs = gateBackoffMs == 0 ? GATE_BACKOFF_FIRST_MS : Math.min(GATE_BACKOFF_MAX_MS, gateBackoffMs * 2);
                        waitMs = Math.min(waitMs, gateBackoffMs);
                    } else {
                        gateBackoffMs = 0;
                    }
                    waitMs = Math.min(waitMs, checkpoint.millisUntilDue());
                } else if (wakeUps.takeLocalCommit()) {
                    wakeUps.notifyLeader(connection);
                }
                roundCompleted();
                wakeUps.await(waitMs, leadership.isLeader(), lastRead);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                metrics.failed();
                LOG.warnf("Outbox relay lost its database connection, retrying: %s", e.getMessage());
                closeConnection();
                roundCompleted();
                pause();
            } catch (PublishFailure e) {
                metrics.failed();
                LOG.warnf("Outbox relay could not publish, retrying from the checkpoint: %s", e.getMessage());
                roundCompleted();
                pause();
            } catch (RuntimeException e) {
                metrics.failed();
                LOG.error("Outbox relay round failed, retrying", e);
                publisher.discard();
                closeConnection();
                roundCompleted();
                pause();
            }
        }
        writeCheckpointBeforeStopping();
    }

    private void roundCompleted() {
        lastRoundCompletedNanos = System.nanoTime();
    }

    private void becomeLeader() throws SQLException {
        checkpoint.load(connection);
        reader.reset();
        parking.load(connection);
        LOG.infof("This instance is now the active outbox relay (checkpoint %s, %d parked streams)", checkpoint, parking.streams());
    }

    private Round leaderRound() throws SQLException {
        if (checkpoint.refused(connection)) {
            return Round.IDLE;
        }
        parking.processReleases(connection);
        return publishBatch();
    }

    /** Publishes one batch and tells the loop what to do next. */
    private Round publishBatch() throws SQLException {
        OutboxReader.Batch batch = reader.next(connection, checkpoint);
        lastRead = batch.read().size();
        if (batch.isEmpty()) {
            return reader.moreBeyond(connection, checkpoint) ? Round.GATED : Round.IDLE;
        }
        List<Publishable> toSend = new ArrayList<>(batch.candidates().size());
        List<Publishable> waiting = new ArrayList<>();
        for (Publishable item : batch.candidates()) {
            (parking.isParked(item.stream()) ? waiting : toSend).add(item);
        }
        Outcome outcome = publisher.publish(toSend);
        waiting.addAll(outcome.heldBehind());
        parking.park(connection, outcome.poisoned(), waiting);
        reader.done(batch);
        Publishable last = batch.last();
        checkpoint.advance(connection, last.transactionId(), last.event().globalPosition());
        if (batch.read().size() == reader.batchSize()) {
            return Round.MORE;
        }
        return reader.moreBeyond(connection, checkpoint) ? Round.GATED : Round.IDLE;
    }

    /** A graceful stop: the stored checkpoint catches up before the advisory lock goes with the connection. */
    private void writeCheckpointBeforeStopping() {
        if (connection != null && leadership.isLeader()) {
            try {
                checkpoint.flush(connection);
            } catch (SQLException e) {
                LOG.warnf("Outbox relay could not write its checkpoint on stopping (the next leader re-publishes"
                        + " since the last write): %s", e.getMessage());
            }
        }
    }

    private void closeConnection() {
        if (leadership.lost()) {
            // the next leadership starts with initTransactions, fencing whoever published meanwhile
            publisher.discard();
        }
        RelayConnections.closeQuietly(connection);
        connection = null;
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(1000, settings.pollInterval().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

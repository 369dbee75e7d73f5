package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes committed events from the event store to Kafka, at least once, in stream order.
 *
 * <h2>Never skipping a late commit</h2>
 * Global positions are handed out when a row is inserted, not when its transaction commits, so a
 * position can become visible after a higher one. The relay therefore reads in (transaction id,
 * position) order and only events whose transaction id is below the oldest transaction still in
 * progress ({@code pg_snapshot_xmin}): no transaction that could still commit can ever sort before
 * the checkpoint. That gate is cluster-wide: any open write transaction on the server holds
 * publication back. When committed rows wait behind the gate the relay polls again after 10 ms,
 * backing off to 50 ms, instead of sleeping for the poll interval (nothing wakes it when an unrelated
 * transaction ends); {@code eventsourcing.relay.xmin.gate.age} shows how long the oldest gating
 * transaction has been open.
 *
 * <h2>Stream order</h2>
 * A transaction can take its id before it reads a stream (an earlier write in the same unit of work,
 * such as another aggregate's append or a consumer's processed-event mark) and then append the
 * stream's next version; that version then has a lower transaction id than its predecessor. Before
 * publishing a batch the relay therefore also sends the committed, not yet published earlier versions
 * of the batch's streams, everything in position (hence per-stream version) order, and skips those
 * events when the checkpoint reaches them later (a leader change may publish them again: at least once).
 *
 * <h2>One Kafka transaction per batch</h2>
 * The relay keeps one transactional producer (its {@code transactional.id} is shared by all
 * instances of a service, so a new leader's {@code initTransactions} fences a stale one) and sends
 * each batch in one Kafka transaction, aborted as a whole on any failure and then re-sent as a whole.
 * A {@code read_committed} consumer therefore sees a batch completely or not at all, and a failed
 * send can never let a later version of a stream land before an earlier one. Every Kafka call is
 * bounded ({@link #MAX_BLOCK_MS}, {@link #DELIVERY_TIMEOUT_MS}, {@link #REQUEST_TIMEOUT_MS}), so a
 * broker outage costs a round some seconds, never minutes. The producer is only replaced when Kafka
 * declares it unusable (fenced, fatal error, or a transaction whose outcome a timeout left open);
 * the new one's {@code initTransactions} then settles the open transaction.
 *
 * <h2>Poison records</h2>
 * A record Kafka rejects for good (too large, topic not authorised or invalid) is parked in
 * {@code es_relay_parked} with its reason, logged at ERROR and counted in
 * {@code eventsourcing.relay.parked}; the later events of that stream wait behind it (rows with
 * {@code poison = false}, {@code eventsourcing.relay.held}), every other stream keeps flowing. An
 * operator releases the stream by setting {@code release} to {@code 'retry'} or {@code 'skip'} on the
 * poison row; the relay then publishes the waiting events in stream order and deletes the rows.
 *
 * <h2>Restored databases</h2>
 * Transaction ids are only meaningful in the cluster that issued them. When it becomes leader the
 * relay records the cluster's {@code system_identifier} with the checkpoint and compares the
 * checkpoint's transaction id with {@code pg_current_xact_id()}. If the checkpoint belongs to another
 * cluster or lies in the future (a dump restored elsewhere), new events could sort before the
 * checkpoint and be skipped silently; the relay then refuses to publish, logs an ERROR, sets
 * {@code eventsourcing.relay.checkpoint.mismatch} to 1 and reports DOWN in the {@code outbox-relay}
 * health group, until an operator resets the checkpoint (it re-checks every poll interval).
 *
 * <h2>Several instances</h2>
 * A session advisory lock elects one active relay per database; the others stand by and take over
 * when the leader's connection goes away. The checkpoint only ever moves forward. Instances that
 * are not the leader NOTIFY the channel after their commits so the leader wakes at once.
 *
 * <h2>Waking</h2>
 * A local commit wakes the relay in-process; other instances' commits arrive by LISTEN/NOTIFY; a
 * slow poll covers everything else. NOTIFY is deliberately not issued inside write transactions: it
 * takes a database-wide lock at commit and would serialise every writer.
 *
 * <h2>Liveness</h2>
 * Every round of the relay loop, successful or not, stamps its completion; {@link #isLive()} is false
 * when no round completed within {@link RelaySettings#effectiveLivenessTimeout()}, i.e. the thread
 * hangs (e.g. on a half-open connection, which the connection's socket timeout also cuts).
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String RELAY = "kafka";

    /** Longest a producer call blocks: send() waiting for metadata, initTransactions, commit, abort. */
    public static final int MAX_BLOCK_MS = 10_000;
    /** Longest the producer waits for one broker response before retrying the request. */
    public static final int REQUEST_TIMEOUT_MS = 5_000;
    /** Longest a record may take from send() to acknowledgement, retries included; then the batch fails. */
    public static final int DELIVERY_TIMEOUT_MS = 8_000;
    /** A transaction a dead leader left open is aborted by the coordinator after this long (or at once by the next leader). */
    public static final int TRANSACTION_TIMEOUT_MS = 60_000;
    private static final long GATE_BACKOFF_FIRST_MS = 10;
    private static final long GATE_BACKOFF_MAX_MS = 50;

    /** Opens a new, dedicated JDBC connection. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private record Checkpoint(String transactionId, long position, String systemIdentifier) {
    }

    private record Publishable(RecordedEvent<String> event, String transactionId) {
        List<String> stream() {
            return List.of(event.streamType(), event.streamId());
        }
    }

    private record Parked(Publishable item, String reason) {
    }

    /** What a publication did: published in one committed transaction, parked as poison, held behind poison. */
    private record Outcome(List<Publishable> published, List<Parked> poisoned, List<Publishable> heldBehind) {
    }

    private enum Round { MORE, GATED, IDLE }

    private final RelaySettings settings;
    private final ConnectionFactory connections;
    private final Map<String, Object> producerConfig;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean localCommitPending = new AtomicBoolean();
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicLong unpublished = new AtomicLong(-1);
    private final AtomicLong parked = new AtomicLong(-1);
    private final AtomicLong held = new AtomicLong(-1);
    private final AtomicLong xminGateAgeMillis = new AtomicLong();
    private final AtomicReference<String> checkpointMismatch = new AtomicReference<>();
    /** Events published before the checkpoint reached them (see "Stream order"); only the relay thread uses it. */
    private final Set<UUID> publishedAhead = new HashSet<>();
    /** Streams with a parked poison record; only the relay thread uses it. */
    private final Set<List<String>> parkedStreams = new HashSet<>();
    private final Timer lag;
    private final Counter published;
    private final Counter failures;
    private final Counter poisonCounter;

    private volatile boolean running;
    private volatile long lastRoundCompletedNanos = System.nanoTime();
    private Thread relayThread;
    private Thread listenerThread;
    private ScheduledExecutorService gaugeTimer;
    private Connection connection;
    private KafkaProducer<String, byte[]> producer;
    private boolean producerInitialised;
    private Checkpoint checkpoint;
    private long gateBackoffMs;
    private long lastMismatchLog;
    private boolean systemIdentifierUnavailableLogged;

    public OutboxRelay(RelaySettings settings, ConnectionFactory connections, Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this.settings = settings;
        this.connections = connections;
        this.producerConfig = producerConfig(kafkaConfig, settings);
        this.lag = Timer.builder("eventsourcing.relay.lag")
                .description("Time from an event being recorded to Kafka acknowledging it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
        this.published = Counter.builder("eventsourcing.relay.published").description("Events published to Kafka").register(meters);
        this.failures = Counter.builder("eventsourcing.relay.failures").description("Failed relay rounds").register(meters);
        this.poisonCounter = Counter.builder("eventsourcing.relay.poison")
                .description("Records Kafka rejected for good and the relay parked").register(meters);
        Gauge.builder("eventsourcing.relay.unpublished", unpublished, AtomicLong::get)
                .description("Committed events beyond the relay's checkpoint (-1 until first measured)").register(meters);
        Gauge.builder("eventsourcing.relay.parked", parked, AtomicLong::get)
                .description("Poison records parked in es_relay_parked, waiting for an operator (-1 until first measured)")
                .register(meters);
        Gauge.builder("eventsourcing.relay.held", held, AtomicLong::get)
                .description("Events waiting behind a parked poison record of their stream (-1 until first measured)")
                .register(meters);
        Gauge.builder("eventsourcing.relay.xmin.gate.age", xminGateAgeMillis, ms -> ms.get() / 1000.0)
                .description("Age of the oldest open write transaction on the server while committed events wait behind it")
                .baseUnit("seconds").register(meters);
        Gauge.builder("eventsourcing.relay.checkpoint.mismatch", checkpointMismatch, m -> m.get() == null ? 0 : 1)
                .description("1 if the relay refuses to publish because its checkpoint belongs to another cluster")
                .register(meters);
        Gauge.builder("eventsourcing.relay.leader", leader, l -> l.get() ? 1 : 0)
                .description("1 if this instance is the active relay").register(meters);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig, RelaySettings settings) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        config.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, defaultTransactionalId(settings));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    /** Used when the Kafka configuration has no {@code transactional.id}: stable per topic prefix and database lock. */
    static String defaultTransactionalId(RelaySettings settings) {
        return "outbox-relay." + settings.topicPrefix() + "." + settings.lockKey();
    }

    /** The transactional id this relay's producer uses; all instances of one service share it. */
    public String transactionalId() {
        return String.valueOf(producerConfig.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
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
        listenerThread = new Thread(this::listenLoop, "outbox-relay-listener");
        listenerThread.setDaemon(true);
        listenerThread.start();
        gaugeTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay-gauges");
            t.setDaemon(true);
            return t;
        });
        gaugeTimer.scheduleWithFixedDelay(this::refreshGauges, 0, settings.gaugeInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Called after a local commit: publish now (or, on a standby instance, tell the leader). */
    public void wake() {
        localCommitPending.set(true);
        wake.release();
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
        return leader.get();
    }

    /** Committed events beyond the checkpoint, as last measured by the gauge timer (-1 before the first measure). */
    public long unpublished() {
        return unpublished.get();
    }

    /** Parked poison records, as last measured (-1 before the first measure). */
    public long parked() {
        return parked.get();
    }

    /** Events waiting behind a parked poison record, as last measured (-1 before the first measure). */
    public long held() {
        return held.get();
    }

    /** Age of the oldest open write transaction while committed events wait behind the xmin gate (zero if none). */
    public Duration xminGateAge() {
        return Duration.ofMillis(xminGateAgeMillis.get());
    }

    /** Why the relay refuses to publish (its checkpoint belongs to another cluster), if it does. */
    public Optional<String> checkpointMismatch() {
        return Optional.ofNullable(checkpointMismatch.get());
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        join(relayThread);
        join(listenerThread);
        if (gaugeTimer != null) {
            gaugeTimer.shutdownNow();
        }
        closeConnection();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
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
                if (!leader.get() && tryBecomeLeader()) {
                    becomeLeader();
                }
                if (leader.get()) {
                    localCommitPending.set(false);
                    Round round = leaderRound();
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
                } else if (localCommitPending.getAndSet(false)) {
                    notifyLeader();
                }
                roundCompleted();
                if (wake.tryAcquire(waitMs, TimeUnit.MILLISECONDS)) {
                    long lingerMs = settings.linger().toMillis();
                    if (lingerMs > 0 && leader.get()) {
                        // let the commits of the next few milliseconds join this batch: one Kafka transaction
                        Thread.sleep(lingerMs);
                    }
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                failures.increment();
                LOG.warnf("Outbox relay lost its database connection, retrying: %s", e.getMessage());
                closeConnection();
                roundCompleted();
                pause();
            } catch (PublishFailure e) {
                failures.increment();
                LOG.warnf("Outbox relay could not publish, retrying from the checkpoint: %s", e.getMessage());
                roundCompleted();
                pause();
            } catch (RuntimeException e) {
                failures.increment();
                LOG.error("Outbox relay round failed, retrying", e);
                discardProducer();
                closeConnection();
                roundCompleted();
                pause();
            }
        }
    }

    private void roundCompleted() {
        lastRoundCompletedNanos = System.nanoTime();
    }

    private boolean tryBecomeLeader() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, settings.lockKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                leader.set(rs.getBoolean(1));
                return leader.get();
            }
        }
    }

    private void becomeLeader() throws SQLException {
        checkpoint = readCheckpoint();
        publishedAhead.clear();
        loadParkedStreams();
        verifyCheckpoint();
        LOG.infof("This instance is now the active outbox relay (checkpoint %s, %d parked streams)", checkpoint, parkedStreams.size());
    }

    private Round leaderRound() throws SQLException {
        if (checkpointMismatch.get() != null) {
            checkpoint = readCheckpoint();
            verifyCheckpoint();
            if (checkpointMismatch.get() != null) {
                return Round.IDLE;
            }
        }
        if (!parkedStreams.isEmpty()) {
            processReleases();
        }
        return publishBatch();
    }

    private Checkpoint readCheckpoint() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select last_transaction_id::text, last_position, system_identifier::text from es_relay_checkpoint where relay = ?")) {
            ps.setString(1, RELAY);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("es_relay_checkpoint has no row for " + RELAY);
                }
                return new Checkpoint(rs.getString(1), rs.getLong(2), rs.getString(3));
            }
        }
    }

    /**
     * Refuses a checkpoint from another cluster (see "Restored databases"): a different recorded
     * system identifier, or a checkpoint transaction id this cluster has not issued yet. Records the
     * system identifier when none is recorded.
     */
    private void verifyCheckpoint() throws SQLException {
        String mismatch = null;
        long current;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_current_xact_id()::text")) {
            rs.next();
            current = Long.parseLong(rs.getString(1));
        }
        if (Long.parseLong(checkpoint.transactionId()) >= current) {
            mismatch = "the checkpoint's transaction id " + checkpoint.transactionId()
                    + " is ahead of this cluster's current transaction id " + current;
        }
        String systemIdentifier = systemIdentifier();
        if (mismatch == null && systemIdentifier != null && checkpoint.systemIdentifier() != null
                && !systemIdentifier.equals(checkpoint.systemIdentifier())) {
            mismatch = "the checkpoint was recorded on cluster " + checkpoint.systemIdentifier()
                    + ", this is cluster " + systemIdentifier;
        }
        if (mismatch == null && systemIdentifier != null && checkpoint.systemIdentifier() == null) {
            try (PreparedStatement ps = connection.prepareStatement("update es_relay_checkpoint set system_identifier = ?::bigint"
                    + " where relay = ? and system_identifier is null")) {
                ps.setString(1, systemIdentifier);
                ps.setString(2, RELAY);
                ps.executeUpdate();
            }
            checkpoint = new Checkpoint(checkpoint.transactionId(), checkpoint.position(), systemIdentifier);
        }
        String before = checkpointMismatch.getAndSet(mismatch);
        if (mismatch != null) {
            long now = System.currentTimeMillis();
            if (before == null || now - lastMismatchLog > 60_000) {
                lastMismatchLog = now;
                LOG.errorf("Outbox relay REFUSES TO PUBLISH: %s. The database was probably restored into another"
                        + " cluster; events appended here could sort before the checkpoint and would be skipped."
                        + " Reset the checkpoint as described in deploy/README.md (\"Restored database\").", mismatch);
            }
        } else if (before != null) {
            LOG.infof("Outbox relay checkpoint accepted again (%s); publishing resumes", checkpoint);
        }
    }

    private String systemIdentifier() {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select system_identifier::text from pg_control_system()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            if (!systemIdentifierUnavailableLogged) {
                systemIdentifierUnavailableLogged = true;
                LOG.warnf("Outbox relay cannot read pg_control_system() (%s); a restore into another cluster is only"
                        + " detected by its transaction ids. Grant pg_monitor to the service's role to detect it always.",
                        e.getMessage());
            }
            return null;
        }
    }

    /** Publishes one batch and tells the loop what to do next. */
    private Round publishBatch() throws SQLException {
        List<Publishable> batch = readBatch();
        if (batch.isEmpty()) {
            return moreBeyond(checkpoint) ? Round.GATED : Round.IDLE;
        }
        List<Publishable> ahead = readUnpublishedPredecessors(batch);
        List<Publishable> candidates = new ArrayList<>(batch.size() + ahead.size());
        for (Publishable item : batch) {
            if (!publishedAhead.contains(item.event().eventId())) {
                candidates.add(item);
            }
        }
        candidates.addAll(ahead);
        candidates.sort(Comparator.comparingLong(item -> item.event().globalPosition()));
        List<Publishable> toSend = new ArrayList<>(candidates.size());
        List<Publishable> waiting = new ArrayList<>();
        for (Publishable item : candidates) {
            (parkedStreams.contains(item.stream()) ? waiting : toSend).add(item);
        }

        Outcome outcome = publish(toSend);
        waiting.addAll(outcome.heldBehind());
        park(outcome.poisoned(), waiting);
        for (Publishable item : ahead) {
            publishedAhead.add(item.event().eventId());
        }
        for (Publishable item : batch) {
            publishedAhead.remove(item.event().eventId());
        }
        Publishable last = batch.get(batch.size() - 1);
        advanceCheckpoint(new Checkpoint(last.transactionId(), last.event().globalPosition(), checkpoint.systemIdentifier()));
        if (batch.size() == settings.batchSize()) {
            return Round.MORE;
        }
        return moreBeyond(checkpoint) ? Round.GATED : Round.IDLE;
    }

    /**
     * Whether committed events lie beyond {@code from} although the last batch was not full: they wait
     * behind the xmin gate (or it lifted just now), and nothing will wake the relay when it lifts.
     */
    private boolean moreBeyond(Checkpoint from) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select exists (select 1 from es_event where (transaction_id, global_position) > (?::xid8, ?))")) {
            ps.setString(1, from.transactionId());
            ps.setLong(2, from.position());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Publishes {@code items} (in position order) in one Kafka transaction. A poison record is taken
     * out, with every later event of its stream, and the rest sent again in a new transaction; any
     * other failure aborts and throws {@link PublishFailure}, nothing of the batch being visible.
     */
    private Outcome publish(List<Publishable> items) {
        List<Publishable> remaining = new ArrayList<>(items);
        List<Parked> poisoned = new ArrayList<>();
        List<Publishable> behind = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Optional<Parked> poison = sendInTransaction(remaining);
            if (poison.isEmpty()) {
                break;
            }
            Publishable bad = poison.get().item();
            poisoned.add(poison.get());
            Iterator<Publishable> it = remaining.iterator();
            while (it.hasNext()) {
                Publishable item = it.next();
                if (item.stream().equals(bad.stream()) && item.event().streamVersion() >= bad.event().streamVersion()) {
                    it.remove();
                    if (item != bad) {
                        behind.add(item);
                    }
                }
            }
        }
        published.increment(remaining.size());
        Instant now = Instant.now();
        for (Publishable item : remaining) {
            lag.record(Duration.between(item.event().recordedAt(), now));
        }
        return new Outcome(remaining, poisoned, behind);
    }

    /** One transaction: empty if committed, the poison record if one made it fail; throws on any other failure. */
    private Optional<Parked> sendInTransaction(List<Publishable> items) {
        KafkaProducer<String, byte[]> kafka = initialisedProducer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(items.size());
        RuntimeException failure;
        try {
            kafka.beginTransaction();
            for (Publishable item : items) {
                RecordedEvent<String> event = item.event();
                sent.add(kafka.send(CloudEvents.toRecord(settings.topicFor(event.streamType()), settings.source(), event)));
            }
            kafka.commitTransaction();
            return Optional.empty();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            kafka.abortTransaction();
        } catch (RuntimeException abortFailed) {
            // fenced, fatal, or a commit whose outcome a timeout left open: only a new producer's
            // initTransactions settles it (it aborts or completes the open transaction)
            LOG.debugf("Aborting the relay's transaction failed (%s); replacing the producer", abortFailed.toString());
            discardProducer();
        }
        Optional<Parked> poison = findPoison(items, sent, failure);
        if (poison.isPresent()) {
            return poison;
        }
        throw new PublishFailure(failure);
    }

    private Optional<Parked> findPoison(List<Publishable> items, List<Future<RecordMetadata>> sent, Throwable failure) {
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> future = sent.get(i);
            if (future.isDone()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    Throwable cause = poisonCause(e.getCause());
                    if (cause != null) {
                        return Optional.of(new Parked(items.get(i), cause.toString()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                } catch (RuntimeException e) {
                    // cancelled: not a poison record
                }
            }
        }
        Throwable cause = poisonCause(failure);
        if (cause == null) {
            return Optional.empty();
        }
        if (cause instanceof TopicAuthorizationException denied && !denied.unauthorizedTopics().isEmpty()) {
            for (Publishable item : items) {
                if (denied.unauthorizedTopics().contains(settings.topicFor(item.event().streamType()))) {
                    return Optional.of(new Parked(item, cause.toString()));
                }
            }
        }
        // thrown by send() itself: the record after the last one handed to the producer
        if (sent.size() < items.size()) {
            return Optional.of(new Parked(items.get(sent.size()), cause.toString()));
        }
        return Optional.empty();
    }

    /** The cause that makes a record unpublishable for good, or null. */
    static Throwable poisonCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException
                    || t instanceof InvalidTopicException || t instanceof TopicAuthorizationException
                    || t instanceof InvalidRecordException) {
                return t;
            }
        }
        return null;
    }

    private KafkaProducer<String, byte[]> initialisedProducer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
            producerInitialised = false;
        }
        if (!producerInitialised) {
            try {
                // fences any older producer with the same transactional id (a stale leader) and settles
                // the transaction it left open
                producer.initTransactions();
                producerInitialised = true;
            } catch (TimeoutException e) {
                throw new PublishFailure(e); // retriable with the same producer
            } catch (KafkaException e) {
                discardProducer();
                throw new PublishFailure(e);
            }
        }
        return producer;
    }

    private void discardProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Closing the failed producer", e);
            }
            producer = null;
            producerInitialised = false;
        }
    }

    private void park(List<Parked> poisoned, List<Publishable> waiting) throws SQLException {
        if (poisoned.isEmpty() && waiting.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into es_relay_parked"
                + " (relay, event_id, global_position, stream_type, stream_id, stream_version, poison, reason)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (relay, event_id) do nothing")) {
            for (Parked p : poisoned) {
                addParkedRow(ps, p.item(), true, p.reason());
            }
            for (Publishable item : waiting) {
                addParkedRow(ps, item, false, null);
            }
            ps.executeBatch();
        }
        for (Parked p : poisoned) {
            parkedStreams.add(p.item().stream());
            poisonCounter.increment();
            RecordedEvent<String> e = p.item().event();
            LOG.errorf("Outbox relay PARKED event %s (%s %s version %d, position %d): Kafka rejects it for good: %s."
                            + " Later events of this stream wait in es_relay_parked; other streams keep flowing."
                            + " Release: update es_relay_parked set release = 'retry' (after fixing the cause) or 'skip'"
                            + " where event_id = '%s'", e.eventId(), e.streamType(), e.streamId(), e.streamVersion(),
                    e.globalPosition(), p.reason(), e.eventId());
        }
    }

    private void addParkedRow(PreparedStatement ps, Publishable item, boolean poison, String reason) throws SQLException {
        RecordedEvent<String> e = item.event();
        ps.setString(1, RELAY);
        ps.setObject(2, e.eventId());
        ps.setLong(3, e.globalPosition());
        ps.setString(4, e.streamType());
        ps.setString(5, e.streamId());
        ps.setLong(6, e.streamVersion());
        ps.setBoolean(7, poison);
        ps.setString(8, reason);
        ps.addBatch();
    }

    private void loadParkedStreams() throws SQLException {
        parkedStreams.clear();
        try (PreparedStatement ps = connection.prepareStatement(
                "select distinct stream_type, stream_id from es_relay_parked where relay = ?")) {
            ps.setString(1, RELAY);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parkedStreams.add(List.of(rs.getString(1), rs.getString(2)));
                }
            }
        }
    }

    /** Publishes the parked streams an operator released, in stream order (see "Poison records"). */
    private void processReleases() throws SQLException {
        Map<UUID, String> released = new LinkedHashMap<>();
        Map<UUID, List<String>> streams = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("select event_id, release, stream_type, stream_id"
                + " from es_relay_parked where relay = ? and poison and release is not null order by global_position")) {
            ps.setString(1, RELAY);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    released.put(id, rs.getString(2));
                    streams.put(id, List.of(rs.getString(3), rs.getString(4)));
                }
            }
        }
        for (Map.Entry<UUID, String> release : released.entrySet()) {
            UUID poisonId = release.getKey();
            boolean skip = "skip".equals(release.getValue());
            List<String> stream = streams.get(poisonId);
            List<Publishable> rows = readParked(stream);
            List<Publishable> toSend = new ArrayList<>();
            for (Publishable row : rows) {
                if (!(skip && row.event().eventId().equals(poisonId))) {
                    toSend.add(row);
                }
            }
            Outcome outcome = publish(toSend);
            List<UUID> done = new ArrayList<>();
            outcome.published().forEach(item -> done.add(item.event().eventId()));
            if (skip) {
                done.add(poisonId);
                LOG.warnf("Outbox relay SKIPPED parked event %s of %s %s for good, as an operator asked", poisonId,
                        stream.get(0), stream.get(1));
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "delete from es_relay_parked where relay = ? and event_id = any (?)")) {
                ps.setString(1, RELAY);
                ps.setArray(2, connection.createArrayOf("uuid", done.toArray()));
                ps.executeUpdate();
            }
            for (Parked p : outcome.poisoned()) {
                try (PreparedStatement ps = connection.prepareStatement("update es_relay_parked set poison = true,"
                        + " reason = ?, release = null, parked_at = now() where relay = ? and event_id = ?")) {
                    ps.setString(1, p.reason());
                    ps.setString(2, RELAY);
                    ps.setObject(3, p.item().event().eventId());
                    ps.executeUpdate();
                }
                RecordedEvent<String> e = p.item().event();
                LOG.errorf("Outbox relay PARKED event %s (%s %s version %d) again after a release: %s", e.eventId(),
                        e.streamType(), e.streamId(), e.streamVersion(), p.reason());
            }
            if (outcome.poisoned().isEmpty()) {
                parkedStreams.remove(stream);
                LOG.infof("Outbox relay released %s %s: %d waiting events published", stream.get(0), stream.get(1),
                        outcome.published().size());
            }
        }
    }

    private List<Publishable> readParked(List<String> stream) throws SQLException {
        String sql = "select " + EventStore.COLUMNS + ", transaction_id::text as transaction_id_text from es_event"
                + " where event_id in (select event_id from es_relay_parked where relay = ? and stream_type = ? and stream_id = ?)"
                + " order by stream_version";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, RELAY);
            ps.setString(2, stream.get(0));
            ps.setString(3, stream.get(1));
            List<Publishable> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Publishable(EventStore.read(rs), rs.getString(14)));
                }
            }
            return rows;
        }
    }

    /**
     * Earlier versions of the batch's streams that are committed but beyond the checkpoint and not in
     * the batch: versions whose transaction id is higher than their successor's (see "Stream order").
     */
    private List<Publishable> readUnpublishedPredecessors(List<Publishable> batch) throws SQLException {
        Map<List<String>, Long> newest = new LinkedHashMap<>();
        Map<List<String>, Long> count = new HashMap<>();
        Set<UUID> inBatch = new HashSet<>();
        for (Publishable item : batch) {
            RecordedEvent<String> event = item.event();
            List<String> stream = item.stream();
            newest.merge(stream, event.streamVersion(), Math::max);
            count.merge(stream, 1L, Long::sum);
            inBatch.add(event.eventId());
        }
        // a stream whose batch holds all of versions 1..n has no predecessor elsewhere: the common case
        // of new aggregates needs no extra query
        newest.entrySet().removeIf(stream -> stream.getValue().equals(count.get(stream.getKey())));
        if (newest.isEmpty()) {
            return List.of();
        }
        String[] types = new String[newest.size()];
        String[] ids = new String[newest.size()];
        Long[] versions = new Long[newest.size()];
        int n = 0;
        for (Map.Entry<List<String>, Long> stream : newest.entrySet()) {
            types[n] = stream.getKey().get(0);
            ids[n] = stream.getKey().get(1);
            versions[n++] = stream.getValue();
        }
        String sql = "select " + EventStore.COLUMNS + ", transaction_id::text as transaction_id_text from es_event"
                + " join unnest(?::text[], ?::text[], ?::bigint[]) as newest(batch_stream_type, batch_stream_id, batch_version)"
                + " on stream_type = batch_stream_type and stream_id = batch_stream_id and stream_version < batch_version"
                + " where (transaction_id, global_position) > (?::xid8, ?)"
                + " order by global_position";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("text", types));
            ps.setArray(2, connection.createArrayOf("text", ids));
            ps.setArray(3, connection.createArrayOf("int8", versions));
            ps.setString(4, checkpoint.transactionId());
            ps.setLong(5, checkpoint.position());
            List<Publishable> ahead = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    RecordedEvent<String> event = EventStore.read(rs);
                    if (!inBatch.contains(event.eventId()) && !publishedAhead.contains(event.eventId())) {
                        ahead.add(new Publishable(event, rs.getString(14)));
                    }
                }
            }
            return ahead;
        }
    }

    private List<Publishable> readBatch() throws SQLException {
        // the text copy of transaction_id needs its own name: an unnamed "transaction_id::text" output
        // column is called transaction_id, and ORDER BY prefers output columns, so it would sort as text
        String sql = "select " + EventStore.COLUMNS + ", transaction_id::text as transaction_id_text from es_event"
                + " where (transaction_id, global_position) > (?::xid8, ?)"
                + " and transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
                + " order by transaction_id, global_position limit ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, checkpoint.transactionId());
            ps.setLong(2, checkpoint.position());
            ps.setInt(3, settings.batchSize());
            List<Publishable> batch = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Publishable(EventStore.read(rs), rs.getString(14)));
                }
            }
            return batch;
        }
    }

    private void advanceCheckpoint(Checkpoint next) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "update es_relay_checkpoint set last_transaction_id = ?::xid8, last_position = ?, updated_at = now()"
                        + " where relay = ? and (last_transaction_id, last_position) < (?::xid8, ?)")) {
            ps.setString(1, next.transactionId());
            ps.setLong(2, next.position());
            ps.setString(3, RELAY);
            ps.setString(4, next.transactionId());
            ps.setLong(5, next.position());
            ps.executeUpdate();
        }
        checkpoint = next;
    }

    /**
     * The gauges, measured on a short-lived connection of their own, so that they keep moving while
     * the publish loop waits for Kafka or catches up.
     */
    private void refreshGauges() {
        if (!running) {
            return;
        }
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("set statement_timeout = '10s'");
                try (ResultSet rs = st.executeQuery("select count(*) from es_event e, es_relay_checkpoint c where c.relay = '"
                        + RELAY + "' and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)")) {
                    rs.next();
                    unpublished.set(rs.getLong(1));
                }
                try (ResultSet rs = st.executeQuery("select count(*) filter (where poison), count(*) filter (where not poison)"
                        + " from es_relay_parked where relay = '" + RELAY + "'")) {
                    rs.next();
                    parked.set(rs.getLong(1));
                    held.set(rs.getLong(2));
                }
                // the oldest transaction holding an xid (in any database, or prepared) holds pg_snapshot_xmin
                // back; it gates the relay when committed events wait beyond the checkpoint behind it
                try (ResultSet rs = st.executeQuery("select case when exists (select 1 from es_event e, es_relay_checkpoint c"
                        + " where c.relay = '" + RELAY + "' and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)"
                        + " and e.transaction_id >= pg_snapshot_xmin(pg_current_snapshot()))"
                        + " then coalesce((select (extract(epoch from clock_timestamp() - min(started)) * 1000)::bigint from ("
                        + " select xact_start as started from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()"
                        + " union all select prepared from pg_prepared_xacts) oldest), 0) else 0 end")) {
                    rs.next();
                    xminGateAgeMillis.set(Math.max(0, rs.getLong(1)));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Relay gauges not refreshed: %s", e.getMessage());
        }
    }

    private void notifyLeader() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select pg_notify(?, '')")) {
            ps.setString(1, settings.channel());
            ps.execute();
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
                closeQuietly(listening);
                listening = null;
                pause();
            }
        }
        closeQuietly(listening);
    }

    private void closeConnection() {
        if (leader.getAndSet(false)) {
            // the next leadership starts with initTransactions, fencing whoever published meanwhile
            discardProducer();
        }
        closeQuietly(connection);
        connection = null;
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is already broken
            }
        }
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

    private static final class PublishFailure extends RuntimeException {
        PublishFailure(Throwable cause) {
            super(String.valueOf(cause), cause, false, false);
        }
    }
}

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed events from the event store to Kafka, at least once, in stream order.
 *
 * <h2>Never skipping a late commit</h2>
 * Global positions are handed out when a row is inserted, not when its transaction commits, so a
 * position can become visible after a higher one. The relay therefore reads in (transaction id,
 * position) order and only events whose transaction id is below the oldest transaction still in
 * progress ({@code pg_snapshot_xmin}): no transaction that could still commit can ever sort before
 * the checkpoint.
 *
 * <h2>Stream order</h2>
 * A transaction can take its id before it reads a stream (an earlier write in the same unit of work,
 * such as another aggregate's append or a consumer's processed-event mark) and then append the
 * stream's next version; that version then has a lower transaction id than its predecessor. Before
 * publishing a batch the relay therefore also sends the committed, not yet published earlier versions
 * of the batch's streams, everything in position (hence per-stream version) order, and skips those
 * events when the checkpoint reaches them later (a leader change may publish them again: at least once).
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
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String RELAY = "kafka";

    /** Opens a new, dedicated JDBC connection. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private record Checkpoint(String transactionId, long position) {
    }

    private record Publishable(RecordedEvent<String> event, String transactionId) {
    }

    private final RelaySettings settings;
    private final ConnectionFactory connections;
    private final Map<String, Object> producerConfig;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicBoolean localCommitPending = new AtomicBoolean();
    private final AtomicBoolean leader = new AtomicBoolean();
    private final AtomicLong unpublished = new AtomicLong(-1);
    /** Events published before the checkpoint reached them (see "Stream order"); only the relay thread uses it. */
    private final Set<UUID> publishedAhead = new HashSet<>();
    private final Timer lag;
    private final Counter published;
    private final Counter failures;

    private volatile boolean running;
    private Thread relayThread;
    private Thread listenerThread;
    private Connection connection;
    private KafkaProducer<String, byte[]> producer;
    private Checkpoint checkpoint;
    private long lastGaugeRefresh;

    public OutboxRelay(RelaySettings settings, ConnectionFactory connections, Map<String, Object> kafkaConfig, MeterRegistry meters) {
        this.settings = settings;
        this.connections = connections;
        this.producerConfig = producerConfig(kafkaConfig);
        this.lag = Timer.builder("eventsourcing.relay.lag")
                .description("Time from an event being recorded to Kafka acknowledging it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
        this.published = Counter.builder("eventsourcing.relay.published").description("Events published to Kafka").register(meters);
        this.failures = Counter.builder("eventsourcing.relay.failures").description("Failed relay rounds").register(meters);
        Gauge.builder("eventsourcing.relay.unpublished", unpublished, AtomicLong::get)
                .description("Committed events not yet acknowledged by Kafka (-1 until first measured)").register(meters);
        Gauge.builder("eventsourcing.relay.leader", leader, l -> l.get() ? 1 : 0)
                .description("1 if this instance is the active relay").register(meters);
    }

    static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        relayThread = new Thread(this::relayLoop, "outbox-relay");
        relayThread.setDaemon(true);
        relayThread.start();
        listenerThread = new Thread(this::listenLoop, "outbox-relay-listener");
        listenerThread.setDaemon(true);
        listenerThread.start();
    }

    /** Called after a local commit: publish now (or, on a standby instance, tell the leader). */
    public void wake() {
        localCommitPending.set(true);
        wake.release();
    }

    public boolean isRunning() {
        return running && relayThread != null && relayThread.isAlive();
    }

    public boolean isLeader() {
        return leader.get();
    }

    /** Events committed but not yet acknowledged by Kafka, as last measured (-1 before the first measure). */
    public long unpublished() {
        return unpublished.get();
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
        closeConnection();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private void relayLoop() {
        while (running) {
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
                    checkpoint = readCheckpoint();
                    publishedAhead.clear();
                    LOG.infof("This instance is now the active outbox relay (checkpoint %s)", checkpoint);
                }
                if (leader.get()) {
                    localCommitPending.set(false);
                    if (publishBatch()) {
                        continue;
                    }
                } else if (localCommitPending.getAndSet(false)) {
                    notifyLeader();
                }
                refreshUnpublished();
                wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException e) {
                failures.increment();
                LOG.warnf("Outbox relay lost its database connection, retrying: %s", e.getMessage());
                closeConnection();
                pause();
            } catch (PublishFailure e) {
                failures.increment();
                LOG.warnf("Outbox relay could not publish, retrying from the checkpoint: %s", e.getMessage());
                resetProducer();
                pause();
            } catch (RuntimeException e) {
                failures.increment();
                LOG.error("Outbox relay round failed, retrying", e);
                resetProducer();
                closeConnection();
                pause();
            }
        }
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

    private Checkpoint readCheckpoint() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "select last_transaction_id::text, last_position from es_relay_checkpoint where relay = ?")) {
            ps.setString(1, RELAY);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("es_relay_checkpoint has no row for " + RELAY);
                }
                return new Checkpoint(rs.getString(1), rs.getLong(2));
            }
        }
    }

    /** Publishes one batch. Returns true if the batch was full, i.e. there may be more right away. */
    private boolean publishBatch() throws SQLException {
        List<Publishable> batch = readBatch();
        if (batch.isEmpty()) {
            unpublished.set(0);
            return false;
        }
        List<Publishable> ahead = readUnpublishedPredecessors(batch);
        List<Publishable> toSend = new ArrayList<>(batch.size() + ahead.size());
        for (Publishable item : batch) {
            if (!publishedAhead.contains(item.event().eventId())) {
                toSend.add(item);
            }
        }
        toSend.addAll(ahead);
        toSend.sort(Comparator.comparingLong(item -> item.event().globalPosition()));

        KafkaProducer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(toSend.size());
        for (Publishable item : toSend) {
            RecordedEvent<String> event = item.event();
            sent.add(kafka.send(CloudEvents.toRecord(settings.topicFor(event.streamType()), settings.source(), event)));
        }
        Set<UUID> acknowledged = new HashSet<>();
        Throwable failure = null;
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> future = sent.get(i);
            try {
                // after a failure, count only what has already succeeded; do not wait for the rest
                if (failure == null || future.isDone()) {
                    future.get();
                    acknowledged.add(toSend.get(i).event().eventId());
                    lag.record(Duration.between(toSend.get(i).event().recordedAt(), Instant.now()));
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
                break;
            }
        }
        published.increment(acknowledged.size());
        for (Publishable item : ahead) {
            if (acknowledged.contains(item.event().eventId())) {
                publishedAhead.add(item.event().eventId());
            }
        }
        // the checkpoint moves over the longest published prefix of the batch, in checkpoint order
        int passed = 0;
        while (passed < batch.size() && (acknowledged.contains(batch.get(passed).event().eventId())
                || publishedAhead.contains(batch.get(passed).event().eventId()))) {
            passed++;
        }
        if (passed > 0) {
            for (int i = 0; i < passed; i++) {
                publishedAhead.remove(batch.get(i).event().eventId());
            }
            Publishable last = batch.get(passed - 1);
            advanceCheckpoint(new Checkpoint(last.transactionId(), last.event().globalPosition()));
        }
        if (failure != null) {
            throw new PublishFailure(failure);
        }
        return batch.size() == settings.batchSize();
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
            List<String> stream = List.of(event.streamType(), event.streamId());
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

    private void refreshUnpublished() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - lastGaugeRefresh < 1000) {
            return;
        }
        lastGaugeRefresh = now;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from es_event e, es_relay_checkpoint c where c.relay = '" + RELAY
                     + "' and (e.transaction_id, e.global_position) > (c.last_transaction_id, c.last_position)")) {
            rs.next();
            unpublished.set(rs.getLong(1));
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

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    private void resetProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
            } catch (RuntimeException e) {
                LOG.debug("Closing the failed producer", e);
            }
            producer = null;
        }
    }

    private void closeConnection() {
        leader.set(false);
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
                thread.join(10_000);
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

package ai.adoption.eventsourcing.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay's meters. Counters and the lag timer move as the relay works; the gauges that need the
 * database (unpublished, parked, held, xmin gate age) are measured every
 * {@link RelaySettings#gaugeInterval()} on a short-lived connection of their own, so that they keep
 * moving while the publish loop waits for Kafka or catches up. They read the stored checkpoint, which
 * may trail the relay's by up to {@link RelaySettings#checkpointInterval()}.
 */
final class RelayMetrics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayMetrics.class);

    private final RelayConnections connections;
    private final Duration gaugeInterval;
    private final AtomicLong unpublished = new AtomicLong(-1);
    private final AtomicLong parked = new AtomicLong(-1);
    private final AtomicLong held = new AtomicLong(-1);
    private final AtomicLong xminGateAgeMillis = new AtomicLong();
    private final Timer lag;
    private final Counter published;
    private final Counter failures;
    private final Counter poison;
    private ScheduledExecutorService timer;

    RelayMetrics(MeterRegistry meters, RelayConnections connections, Duration gaugeInterval,
                 RelayLeadership leadership, RelayCheckpoint checkpoint) {
        this.connections = connections;
        this.gaugeInterval = gaugeInterval;
        this.lag = Timer.builder("eventsourcing.relay.lag")
                .description("Time from an event being recorded to Kafka acknowledging it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .register(meters);
        this.published = Counter.builder("eventsourcing.relay.published").description("Events published to Kafka").register(meters);
        this.failures = Counter.builder("eventsourcing.relay.failures").description("Failed relay rounds").register(meters);
        this.poison = Counter.builder("eventsourcing.relay.poison")
                .description("Records Kafka rejected for good and the relay parked").register(meters);
        Gauge.builder("eventsourcing.relay.unpublished", unpublished, AtomicLong::get)
                .description("Committed events beyond the relay's stored checkpoint, counted up to "
                        + RelayQueries.UNPUBLISHED_COUNT_CAP + " (-1 until first measured)").register(meters);
        Gauge.builder("eventsourcing.relay.parked", parked, AtomicLong::get)
                .description("Poison records parked in es_relay_parked, waiting for an operator (-1 until first measured)")
                .register(meters);
        Gauge.builder("eventsourcing.relay.held", held, AtomicLong::get)
                .description("Events waiting behind a parked poison record of their stream (-1 until first measured)")
                .register(meters);
        Gauge.builder("eventsourcing.relay.xmin.gate.age", xminGateAgeMillis, ms -> ms.get() / 1000.0)
                .description("Age of the oldest open write transaction on the server while committed events wait behind it")
                .baseUnit("seconds").register(meters);
        Gauge.builder("eventsourcing.relay.checkpoint.mismatch", checkpoint, c -> c.mismatch().isPresent() ? 1 : 0)
                .description("1 if the relay refuses to publish because its checkpoint belongs to another cluster")
                .register(meters);
        Gauge.builder("eventsourcing.relay.leader", leadership, l -> l.isLeader() ? 1 : 0)
                .description("1 if this instance is the active relay").register(meters);
    }

    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay-gauges");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::refresh, 0, gaugeInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    void published(List<Publishable> items, Instant acknowledged) {
        published.increment(items.size());
        for (Publishable item : items) {
            lag.record(Duration.between(item.event().recordedAt(), acknowledged));
        }
    }

    void failed() {
        failures.increment();
    }

    void parkedPoison() {
        poison.increment();
    }

    long unpublished() {
        return unpublished.get();
    }

    long parked() {
        return parked.get();
    }

    long held() {
        return held.get();
    }

    Duration xminGateAge() {
        return Duration.ofMillis(xminGateAgeMillis.get());
    }

    private void refresh() {
        try (Connection c = connections.open()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("set statement_timeout = '10s'");
                String transactionId;
                long position;
                try (ResultSet rs = st.executeQuery("select last_transaction_id::text, last_position from es_relay_checkpoint"
                        + " where relay = '" + RelayCheckpoint.RELAY + "'")) {
                    if (!rs.next()) {
                        return;
                    }
                    transactionId = rs.getString(1);
                    position = rs.getLong(2);
                }
                unpublished.set(firstNumber(c, RelayQueries.UNPUBLISHED, transactionId, position));
                try (ResultSet rs = st.executeQuery("select count(*) filter (where poison), count(*) filter (where not poison)"
                        + " from es_relay_parked where relay = '" + RelayCheckpoint.RELAY + "'")) {
                    rs.next();
                    parked.set(rs.getLong(1));
                    held.set(rs.getLong(2));
                }
                // the oldest transaction holding an xid (in any database, or prepared) holds pg_snapshot_xmin
                // back; it gates the relay when committed events wait beyond the checkpoint behind it
                long age = 0;
                if (firstNumber(c, RelayQueries.GATED, transactionId, position) > 0) {
                    try (ResultSet rs = st.executeQuery("select coalesce((extract(epoch from clock_timestamp() - min(started))"
                            + " * 1000)::bigint, 0) from (select xact_start as started from pg_stat_activity"
                            + " where backend_xid is not null and pid <> pg_backend_pid()"
                            + " union all select prepared from pg_prepared_xacts) oldest")) {
                        rs.next();
                        age = rs.getLong(1);
                    }
                }
                xminGateAgeMillis.set(Math.max(0, age));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Relay gauges not refreshed: %s", e.getMessage());
        }
    }

    /** The first column of the query's row for the checkpoint, or 0 if it returns none. */
    private static long firstNumber(Connection c, String sql, String transactionId, long position) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, transactionId);
            ps.setLong(2, position);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}

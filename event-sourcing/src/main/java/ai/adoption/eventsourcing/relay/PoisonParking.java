package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.relay.TransactionalPublisher.Outcome;
import ai.adoption.eventsourcing.relay.TransactionalPublisher.Parked;
import ai.adoption.eventsourcing.store.RecordedEvent;

import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Poison records and the events waiting behind them, in {@code es_relay_parked}.
 *
 * <p>A record Kafka rejects for good (too large, topic not authorised or invalid) is parked with its
 * reason, logged at ERROR and counted in {@code eventsourcing.relay.poison}; the later events of that
 * stream wait behind it (rows with {@code poison = false}), every other stream keeps flowing. An operator
 * releases the stream by setting {@code release} to {@code 'retry'} or {@code 'skip'} on the poison row;
 * the relay then publishes the waiting events in stream order and deletes the rows.
 */
final class PoisonParking {

    private static final Logger LOG = Logger.getLogger(PoisonParking.class);
    private static final String RELAY = RelayCheckpoint.RELAY;

    private final TransactionalPublisher publisher;
    private final OutboxReader reader;
    private final RelayMetrics metrics;
    /** Streams with a parked poison record; only the relay thread uses it. */
    private final Set<List<String>> parkedStreams = new HashSet<>();

    PoisonParking(TransactionalPublisher publisher, OutboxReader reader, RelayMetrics metrics) {
        this.publisher = publisher;
        this.reader = reader;
        this.metrics = metrics;
    }

    int streams() {
        return parkedStreams.size();
    }

    boolean isParked(List<String> stream) {
        return parkedStreams.contains(stream);
    }

    /** On becoming leader: the streams parked so far. */
    void load(Connection connection) throws SQLException {
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

    /** Parks the poison records and the events that must wait behind them. */
    void park(Connection connection, List<Parked> poisoned, List<Publishable> waiting) throws SQLException {
        if (poisoned.isEmpty() && waiting.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into es_relay_parked"
                + " (relay, event_id, global_position, stream_type, stream_id, stream_version, poison, reason)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (relay, event_id) do nothing")) {
            for (Parked p : poisoned) {
                addRow(ps, p.item(), true, p.reason());
            }
            for (Publishable item : waiting) {
                addRow(ps, item, false, null);
            }
            ps.executeBatch();
        }
        for (Parked p : poisoned) {
            parkedStreams.add(p.item().stream());
            metrics.parkedPoison();
            RecordedEvent<String> e = p.item().event();
            LOG.errorf("Outbox relay PARKED event %s (%s %s version %d, position %d): Kafka rejects it for good: %s."
                            + " Later events of this stream wait in es_relay_parked; other streams keep flowing."
                            + " Release: update es_relay_parked set release = 'retry' (after fixing the cause) or 'skip'"
                            + " where event_id = '%s'", e.eventId(), e.streamType(), e.streamId(), e.streamVersion(),
                    e.globalPosition(), p.reason(), e.eventId());
        }
    }

    private static void addRow(PreparedStatement ps, Publishable item, boolean poison, String reason) throws SQLException {
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

    /** Publishes the parked streams an operator released, in stream order. */
    void processReleases(Connection connection) throws SQLException {
        if (parkedStreams.isEmpty()) {
            return;
        }
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
            release(connection, release.getKey(), "skip".equals(release.getValue()), streams.get(release.getKey()));
        }
    }

    private void release(Connection connection, UUID poisonId, boolean skip, List<String> stream) throws SQLException {
        List<Publishable> toSend = new ArrayList<>();
        for (Publishable row : reader.parked(connection, stream)) {
            if (!(skip && row.event().eventId().equals(poisonId))) {
                toSend.add(row);
            }
        }
        Outcome outcome = publisher.publish(toSend);
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

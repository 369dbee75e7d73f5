package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.store.StreamHeads;
import ai.adoption.eventsourcing.tracing.TraceContext;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what the relay may publish next, on the relay's connection ({@link RelayQueries}: index scans only).
 *
 * <h2>Never skipping a late commit: the xmin gate</h2>
 * Global positions are handed out when a row is inserted, not when its transaction commits, so a
 * position can become visible after a higher one. The reader therefore reads in (transaction id,
 * position) order and only events whose transaction id is below the oldest transaction still in
 * progress ({@code pg_snapshot_xmin}): no transaction that could still commit can ever sort before
 * the checkpoint. That gate is cluster-wide: any open write transaction on the server holds
 * publication back ({@link #moreBeyond} tells the relay to re-poll soon).
 *
 * <h2>Stream order</h2>
 * A transaction can take its id before it reads a stream (an earlier write in the same unit of work,
 * such as another aggregate's append or a consumer's processed-event mark) and then append the
 * stream's next version; that version then has a lower transaction id than its predecessor. With each
 * batch the reader therefore also returns the committed, not yet published earlier versions of the
 * batch's streams, everything in position (hence per-stream version) order, and skips those events
 * when the checkpoint reaches them later (a leader change may publish them again: at least once).
 */
final class OutboxReader {

    /** What one read returned. */
    record Batch(List<Publishable> read, List<Publishable> ahead, List<Publishable> candidates) {
        boolean isEmpty() {
            return read.isEmpty();
        }

        Publishable last() {
            return read.get(read.size() - 1);
        }
    }

    private final int batchSize;
    /** Events published before the checkpoint reached them (see "Stream order"); only the relay thread uses it. */
    private final Set<UUID> publishedAhead = new HashSet<>();

    OutboxReader(int batchSize) {
        this.batchSize = batchSize;
    }

    int batchSize() {
        return batchSize;
    }

    /** A new leadership starts from the stored checkpoint: whatever was published ahead may come again. */
    void reset() {
        publishedAhead.clear();
    }

    /**
     * The next batch beyond the checkpoint, and the earlier versions of its streams that must go first;
     * {@code candidates} is both, minus what was published ahead, in position order.
     */
    Batch next(Connection connection, RelayCheckpoint from) throws SQLException {
        List<Publishable> read = readBatch(connection, from);
        if (read.isEmpty()) {
            return new Batch(read, List.of(), List.of());
        }
        List<Publishable> ahead = readUnpublishedPredecessors(connection, from, read);
        List<Publishable> candidates = new ArrayList<>(read.size() + ahead.size());
        for (Publishable item : read) {
            if (!publishedAhead.contains(item.event().eventId())) {
                candidates.add(item);
            }
        }
        candidates.addAll(ahead);
        candidates.sort(Comparator.comparingLong(item -> item.event().globalPosition()));
        return new Batch(read, ahead, candidates);
    }

    /** The batch went out (or was parked): remember what was published ahead of the checkpoint. */
    void done(Batch batch) {
        for (Publishable item : batch.ahead()) {
            publishedAhead.add(item.event().eventId());
        }
        for (Publishable item : batch.read()) {
            publishedAhead.remove(item.event().eventId());
        }
    }

    /**
     * Whether committed events lie beyond the checkpoint although the last batch was not full: they wait
     * behind the xmin gate (or it lifted just now), and nothing will wake the relay when it lifts.
     */
    boolean moreBeyond(Connection connection, RelayCheckpoint from) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(RelayQueries.MORE_BEYOND)) {
            ps.setString(1, from.transactionId());
            ps.setLong(2, from.position());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The parked events of one stream, in version order. */
    List<Publishable> parked(Connection connection, List<String> stream) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(RelayQueries.PARKED_EVENTS)) {
            ps.setString(1, RelayCheckpoint.RELAY);
            ps.setString(2, stream.get(0));
            ps.setString(3, stream.get(1));
            return events(ps, Set.of());
        }
    }

    private List<Publishable> readBatch(Connection connection, RelayCheckpoint from) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(RelayQueries.BATCH)) {
            ps.setString(1, from.transactionId());
            ps.setLong(2, from.position());
            ps.setInt(3, batchSize);
            return events(ps, Set.of());
        }
    }

    /**
     * Earlier versions of the batch's streams that are committed but beyond the checkpoint and not in
     * the batch: versions whose transaction id is higher than their successor's (see "Stream order").
     */
    private List<Publishable> readUnpublishedPredecessors(Connection connection, RelayCheckpoint from,
                                                          List<Publishable> batch) throws SQLException {
        Set<UUID> skip = new HashSet<>(publishedAhead);
        List<RecordedEvent<String>> events = new ArrayList<>(batch.size());
        for (Publishable item : batch) {
            events.add(item.event());
            skip.add(item.event().eventId());
        }
        StreamHeads heads = StreamHeads.of(events);
        if (heads.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = connection.prepareStatement(RelayQueries.PREDECESSORS)) {
            ps.setArray(1, connection.createArrayOf("text", heads.types()));
            ps.setArray(2, connection.createArrayOf("text", heads.ids()));
            ps.setArray(3, connection.createArrayOf("int8", heads.versions()));
            ps.setString(4, from.transactionId());
            ps.setLong(5, from.position());
            return events(ps, skip);
        }
    }

    private static List<Publishable> events(PreparedStatement ps, Set<UUID> skip) throws SQLException {
        List<Publishable> events = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                RecordedEvent<String> event = EventStore.read(rs);
                if (!skip.contains(event.eventId())) {
                    events.add(new Publishable(event, rs.getString(RelayQueries.TRANSACTION_ID_COLUMN),
                            new TraceContext(rs.getString(RelayQueries.TRACEPARENT_COLUMN),
                                    rs.getString(RelayQueries.TRACESTATE_COLUMN))));
                }
            }
        }
        return events;
    }
}

package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.store.StreamHeads;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The event store reads of a chunked rebuild, on the reactive pool (constant statement text, the
 * stream types and streams bound as arrays). Events below the xmin gate never change, so they may be
 * read outside the chunk's transaction; the tail is read after the swap has locked the live tables.
 */
final class RebuildReads {

    /** A stored event and its place in (transaction id, position) order. */
    record Stored(RecordedEvent<String> event, ReplayCursor.Place place) {
    }

    private static final String COLUMNS = EventStore.COLUMNS + ", transaction_id::text as transaction_id_text";

    /** The next events below the xmin gate after the cursor, in (transaction id, position) order. */
    private static final String GATED = "select " + COLUMNS + " from es_event"
            + " where (transaction_id, global_position) > (cast($1::text as xid8), $2)"
            + " and transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " and transaction_id < cast($5::text as xid8)"
            + " and stream_type = any($3::text[])"
            + " order by transaction_id, global_position limit $4";

    /** The first transaction id not yet handed out: a round of chunks stops there. */
    private static final String HORIZON = "select pg_snapshot_xmax(pg_current_snapshot())::text";

    /** Committed earlier versions of the given streams beyond the cursor (stream order vs transaction order). */
    private static final String PREDECESSORS = "select e.* from unnest($1::text[], $2::text[], $3::bigint[])"
            + " as newest(batch_type, batch_id, batch_version)"
            // one lookup on the stream's unique index per stream: a plain join was planned as a hash join
            // over the whole store (seconds per chunk at a million events)
            + " cross join lateral (select " + COLUMNS + " from es_event"
            + " where stream_type = batch_type and stream_id = batch_id and stream_version < batch_version"
            + " and (transaction_id, global_position) > (cast($4::text as xid8), $5)) e"
            + " order by e.global_position";

    /**
     * Where the tail (everything committed beyond the cursor) starts, by position, or -1: read on the
     * relay's index from the cursor on (the ordered LIMIT keeps the planner there), never from position 1.
     */
    private static final String TAIL_START = "select coalesce(min(global_position), -1) from (select global_position"
            + " from es_event where (transaction_id, global_position) > (cast($1::text as xid8), $2)"
            + " and stream_type = any($3::text[]) order by transaction_id, global_position limit 10000000) beyond";

    /** One page of the tail, in position order. */
    private static final String TAIL = "select " + COLUMNS + " from es_event"
            + " where stream_type = any($1::text[]) and global_position > $2"
            + " and (transaction_id, global_position) > (cast($3::text as xid8), $4)"
            + " order by global_position limit $5";

    private final Pool pool;
    private final String[] streamTypes;

    RebuildReads(Pool pool, List<String> streamTypes) {
        this.pool = pool;
        this.streamTypes = streamTypes.toArray(String[]::new);
    }

    /** Up to {@code limit} events after the cursor, below the xmin gate and below {@code horizon}. */
    Uni<List<Stored>> gated(ReplayCursor cursor, long horizon, int limit) {
        return pool.preparedQuery(GATED)
                .execute(Tuple.of(cursor.transactionId(), cursor.position(), streamTypes, limit, Long.toUnsignedString(horizon)))
                .map(RebuildReads::stored);
    }

    /** Transaction ids from here on were not handed out yet. */
    Uni<Long> horizon() {
        return pool.query(HORIZON).execute().map(rows -> Long.parseUnsignedLong(rows.iterator().next().getString(0)));
    }

    /**
     * The committed, not yet applied earlier versions of the batch's streams: a transaction that took
     * its id early and then appended a stream's next version sorts before the version it followed.
     */
    Uni<List<Stored>> predecessors(List<Stored> batch, ReplayCursor cursor) {
        Set<java.util.UUID> inBatch = new HashSet<>();
        List<RecordedEvent<String>> events = new ArrayList<>(batch.size());
        for (Stored stored : batch) {
            events.add(stored.event());
            inBatch.add(stored.event().eventId());
        }
        StreamHeads heads = StreamHeads.of(events);
        if (heads.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery(PREDECESSORS)
                .execute(Tuple.of(heads.types(), heads.ids(), heads.versions(), cursor.transactionId(), cursor.position()))
                .map(rows -> stored(rows).stream()
                        .filter(s -> !inBatch.contains(s.event().eventId()) && !cursor.appliedAhead(s.event().eventId()))
                        .toList());
    }

    /** The position just before the first event beyond the cursor, or -1 if there is none. */
    Uni<Long> tailStart(ReplayCursor cursor) {
        return pool.preparedQuery(TAIL_START)
                .execute(Tuple.of(cursor.transactionId(), cursor.position(), streamTypes))
                .map(rows -> {
                    long first = rows.iterator().next().getLong(0);
                    return first < 0 ? -1 : first - 1;
                });
    }

    /** Up to {@code limit} events beyond the cursor after {@code afterPosition}, in position order. */
    Uni<List<Stored>> tail(ReplayCursor cursor, long afterPosition, int limit) {
        return pool.preparedQuery(TAIL)
                .execute(Tuple.of(streamTypes, afterPosition, cursor.transactionId(), cursor.position(), limit))
                .map(RebuildReads::stored);
    }

    private static List<Stored> stored(RowSet<Row> rows) {
        List<Stored> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Object[] values = new Object[13];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getValue(i);
            }
            RecordedEvent<String> event = EventStore.read(values);
            result.add(new Stored(event, new ReplayCursor.Place(Long.parseUnsignedLong(row.getString(13)), event.globalPosition())));
        }
        return result;
    }
}

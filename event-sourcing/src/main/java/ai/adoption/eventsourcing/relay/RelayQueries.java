package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.EventStore;

/**
 * The relay's SQL on {@code es_event}, written so that the planner has no choice but an index scan,
 * whatever the table's size, for custom and generic plans of the prepared statements alike
 * ({@code RelayQueryPlanTest} checks it on a million events):
 * <ul>
 *   <li>a search beyond the checkpoint is a row comparison on {@code (transaction_id, global_position)}
 *       with {@code ORDER BY} the same columns and a {@code LIMIT}: only {@code es_event_relay_idx}
 *       delivers that order without sorting the table, so a sequential scan never wins, even when the
 *       planner assumes (generic plan) that a third of the table lies beyond the checkpoint. An
 *       {@code EXISTS} gave the planner a cheap-looking sequential scan that stops at the first match,
 *       which read the whole table whenever the checkpoint was near its end (the normal case);</li>
 *   <li>per-stream lookups go through a {@code LATERAL} subquery that cannot be flattened into a join
 *       ({@code OFFSET 0}), so each stream is one probe of {@code es_event_stream_version_uk};</li>
 *   <li>lookups by event id compare with an array ({@code = any}), a probe of {@code es_event_id_uk}.</li>
 * </ul>
 * Their cost is that of the rows they return, not of the store.
 */
final class RelayQueries {

    /** Most rows the unpublished gauge counts: a larger backlog reads as this many. */
    static final int UNPUBLISHED_COUNT_CAP = 100_000;

    // the text copy of transaction_id needs its own name: an unnamed "transaction_id::text" output
    // column is called transaction_id, and ORDER BY prefers output columns, so it would sort as text
    private static final String EVENT_COLUMNS = EventStore.COLUMNS
            + ", transaction_id::text as transaction_id_text, traceparent, tracestate";

    /** The column index of the transaction id's text in the event queries. */
    static final int TRANSACTION_ID_COLUMN = 14;
    /** The column indexes of the trace context the event was appended in (nullable). */
    static final int TRACEPARENT_COLUMN = 15;
    static final int TRACESTATE_COLUMN = 16;

    /**
     * The next batch beyond the checkpoint ({@code ?1} transaction id, {@code ?2} position), of
     * transactions older than every transaction still running (the xmin gate), at most {@code ?3} events.
     */
    static final String BATCH = "select " + EVENT_COLUMNS + " from es_event"
            + " where (transaction_id, global_position) > (?::xid8, ?)"
            + " and transaction_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " order by transaction_id, global_position limit ?";

    /** One row if any committed event lies beyond the checkpoint, gated or not; none otherwise. */
    static final String MORE_BEYOND = "select 1 from es_event"
            + " where (transaction_id, global_position) > (?::xid8, ?)"
            + " order by transaction_id, global_position limit 1";

    /**
     * Events of the given streams ({@code ?1} types, {@code ?2} ids) below the given versions
     * ({@code ?3}) that lie beyond the checkpoint ({@code ?4}, {@code ?5}), in position order.
     */
    static final String PREDECESSORS = "select e.* from unnest(?::text[], ?::text[], ?::bigint[])"
            + " as newest(batch_stream_type, batch_stream_id, batch_version)"
            + " cross join lateral (select " + EVENT_COLUMNS + " from es_event"
            + " where stream_type = newest.batch_stream_type and stream_id = newest.batch_stream_id"
            + " and stream_version < newest.batch_version"
            + " and (transaction_id, global_position) > (?::xid8, ?)"
            + " offset 0) e"
            + " order by e.global_position";

    /** The events parked for one stream ({@code ?1} relay, {@code ?2} type, {@code ?3} id), in version order. */
    static final String PARKED_EVENTS = "select " + EVENT_COLUMNS + " from es_event"
            + " where event_id = any (array(select event_id from es_relay_parked"
            + " where relay = ? and stream_type = ? and stream_id = ?))"
            + " order by stream_version";

    /** Committed events beyond the checkpoint ({@code ?1}, {@code ?2}), counted up to {@link #UNPUBLISHED_COUNT_CAP}. */
    static final String UNPUBLISHED = "select count(*) from (select 1 from es_event"
            + " where (transaction_id, global_position) > (?::xid8, ?)"
            + " order by transaction_id, global_position limit " + UNPUBLISHED_COUNT_CAP + ") beyond";

    /** One row if an event beyond the checkpoint ({@code ?1}, {@code ?2}) waits behind the xmin gate. */
    static final String GATED = "select 1 from es_event"
            + " where (transaction_id, global_position) > (?::xid8, ?)"
            + " and transaction_id >= pg_snapshot_xmin(pg_current_snapshot())"
            + " order by transaction_id, global_position limit 1";

    private RelayQueries() {
    }
}

package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.testinfra.PostgresResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a million events in the store, every query on the relay's and the consumers' paths is an index
 * scan of the tables that grow, as a custom and as a generic plan of its prepared statement, with the
 * checkpoint near the end of the store (the normal case) and at its start (a relay catching up).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayQueryPlanTest {

    private static final int EVENTS = 1_000_000;
    private static final int TRANSACTIONS = 2_000;
    private static final int PROCESSED = 200_000;
    /** The tables whose size grows with the system's history; the others hold a handful of rows. */
    private static final Set<String> GROWING = Set.of("es_event", "es_processed_event", "es_idempotency_key");
    private static final Set<String> INDEX_SCANS = Set.of("Index Scan", "Index Only Scan");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Connection connection;
    private String nearEndTransactionId;
    private long nearEndPosition;

    @BeforeAll
    void seedAMillionEvents() throws SQLException {
        PostgresResource.Database db = EsDatabases.migrated("es_plans");
        connection = db.connect();
        connection.setAutoCommit(true);
        try (Statement st = connection.createStatement()) {
            st.execute("set synchronous_commit = off");
            st.execute("set maintenance_work_mem = '256MB'");
            // the migration's secondary indexes and unique constraints, built once after the seed (a sort)
            // rather than maintained row by row: seeding then takes seconds instead of minutes
            List<String> rebuild = new ArrayList<>();
            List<String> drop = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint"
                    + " where conrelid = 'es_event'::regclass and contype = 'u'")) {
                while (rs.next()) {
                    drop.add("alter table es_event drop constraint " + rs.getString(1));
                    rebuild.add("alter table es_event add constraint " + rs.getString(1) + " " + rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("select i.indexname, i.indexdef from pg_indexes i where i.tablename = 'es_event'"
                    + " and not exists (select 1 from pg_constraint c where c.conname = i.indexname)")) {
                while (rs.next()) {
                    drop.add("drop index " + rs.getString(1));
                    rebuild.add(rs.getString(2));
                }
            }
            assertThat(rebuild).as("es_event's secondary indexes").hasSizeGreaterThanOrEqualTo(4);
            for (String ddl : drop) {
                st.execute(ddl);
            }
            // real transactions (so the transaction ids are real and below the xmin gate), 500 events each,
            // 4 versions per stream; a procedure-level COMMIT per transaction
            st.execute("do $$ declare per int := " + (EVENTS / TRANSACTIONS) + "; begin"
                    + " for t in 0.." + (TRANSACTIONS - 1) + " loop"
                    + "  insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, schema_version,"
                    + "   payload, actor, occurred_at)"
                    + "  select gen_random_uuid(), 'widget', 'w-' || ((t * per + i) / 4), (t * per + i) % 4 + 1,"
                    + "   'widget.changed', 1, '{}', 'seed', now() from generate_series(0, per - 1) i;"
                    + "  commit;"
                    + " end loop; end $$");
            for (String ddl : rebuild) {
                st.execute(ddl);
            }
            st.execute("insert into es_processed_event (consumer, event_id) select 'plans', gen_random_uuid()"
                    + " from generate_series(1, " + PROCESSED + ") i");
            st.execute("insert into es_idempotency_key (actor, idempotency_key, operation, request_hash, stream_id)"
                    + " select 'actor-' || (i % 100), 'key-' || i, 'op', 'hash', 's-' || i from generate_series(1, " + PROCESSED + ") i");
            st.execute("insert into es_relay_parked (relay, event_id, global_position, stream_type, stream_id, stream_version, poison)"
                    + " select 'kafka', event_id, global_position, stream_type, stream_id, stream_version, global_position = 500000"
                    + " from es_event where global_position between 500000 and 500003");
            st.execute("analyze es_event, es_processed_event, es_idempotency_key, es_relay_parked, es_relay_checkpoint");
            try (ResultSet rs = st.executeQuery("select transaction_id::text, global_position from es_event"
                    + " where global_position = " + (EVENTS - 10))) {
                rs.next();
                nearEndTransactionId = rs.getString(1);
                nearEndPosition = rs.getLong(2);
            }
        }
    }

    @AfterAll
    void close() {
        EsDatabases.closeQuietly(connection);
    }

    /** Each query with its parameter types and its arguments for the given checkpoint. */
    private Stream<Arguments> queries() {
        return Stream.of("custom", "generic").flatMap(mode -> Stream.of(true, false).flatMap(nearEnd -> {
            String tx = nearEnd ? nearEndTransactionId : "0";
            long pos = nearEnd ? nearEndPosition : 0;
            String checkpoint = "'" + tx + "', " + pos;
            return Stream.of(
                    Arguments.of(mode, nearEnd, "batch", RelayQueries.BATCH, "xid8, bigint, int", checkpoint + ", 500"),
                    Arguments.of(mode, nearEnd, "more beyond", RelayQueries.MORE_BEYOND, "xid8, bigint", checkpoint),
                    Arguments.of(mode, nearEnd, "predecessors", RelayQueries.PREDECESSORS, "text[], text[], bigint[], xid8, bigint",
                            "array['widget', 'widget'], array['w-249990', 'w-100'], array[4, 3]::bigint[], " + checkpoint),
                    Arguments.of(mode, nearEnd, "parked events", RelayQueries.PARKED_EVENTS, "text, text, text",
                            "'kafka', 'widget', 'w-124999'"),
                    Arguments.of(mode, nearEnd, "unpublished gauge", RelayQueries.UNPUBLISHED, "xid8, bigint", checkpoint),
                    Arguments.of(mode, nearEnd, "xmin gate gauge", RelayQueries.GATED, "xid8, bigint", checkpoint),
                    Arguments.of(mode, nearEnd, "consumer: mark processed",
                            "insert into es_processed_event (consumer, event_id) values (?, ?) on conflict do nothing",
                            "text, uuid", "'plans', gen_random_uuid()"),
                    Arguments.of(mode, nearEnd, "consumer: idempotency key",
                            "select operation, request_hash, stream_id from es_idempotency_key where actor = ? and idempotency_key = ?",
                            "text, text", "'actor-7', 'key-7'"));
        }));
    }

    @ParameterizedTest(name = "{0} plan, checkpoint near the end {1}: {2}")
    @MethodSource("queries")
    void isAnIndexScanOfEveryGrowingTable(String mode, boolean nearEnd, String name, String sql, String types, String args)
            throws Exception {
        String statement = "plan_" + name.replaceAll("\\W", "_");
        try (Statement st = connection.createStatement()) {
            st.execute("set plan_cache_mode = force_" + mode + "_plan");
            st.execute("prepare " + statement + " (" + types + ") as " + numbered(sql));
            try {
                // EXPLAIN of an INSERT would run it: wrap it in a transaction that is rolled back
                connection.setAutoCommit(false);
                JsonNode plan;
                try (ResultSet rs = st.executeQuery("explain (format json) execute " + statement + " (" + args + ")")) {
                    rs.next();
                    plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
                }
                connection.rollback();
                List<String> scans = new ArrayList<>();
                scansOf(plan, scans);
                assertThat(scans).as("scans of %s (%s plan):%n%s", name, mode, plan.toPrettyString())
                        .filteredOn(scan -> GROWING.contains(scan.substring(scan.indexOf(" on ") + 4)))
                        .isNotEmpty()
                        .allMatch(scan -> INDEX_SCANS.contains(scan.substring(0, scan.indexOf(" on "))));
            } finally {
                connection.setAutoCommit(true);
                st.execute("deallocate " + statement);
                st.execute("reset plan_cache_mode");
            }
        }
    }

    /** Every node that reads a table, as "node type on table"; an insert names its target as "Insert on table". */
    private static void scansOf(JsonNode node, List<String> scans) {
        if (node.has("Relation Name")) {
            String type = node.get("Node Type").asText();
            if (type.equals("ModifyTable")) {
                // the insert's own conflict check is a probe of its unique index, by construction
                scans.add("Index Scan on " + node.get("Relation Name").asText());
            } else {
                scans.add(type + " on " + node.get("Relation Name").asText());
            }
        }
        if (node.has("Plans")) {
            node.get("Plans").forEach(child -> scansOf(child, scans));
        }
    }

    /** JDBC placeholders to PREPARE's $1, $2 ... */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                out.append('$').append(++n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

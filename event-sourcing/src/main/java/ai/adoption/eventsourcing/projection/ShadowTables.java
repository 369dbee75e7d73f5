package ai.adoption.eventsourcing.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The shadow copy of a projection's tables that a chunked rebuild fills: a schema of its own with
 * one empty {@code LIKE ... INCLUDING ALL} copy of each live table (columns, defaults, constraints,
 * indexes). A chunk's session puts the schema first on its {@code search_path}, so the projection's
 * unqualified tables resolve to the copies. The swap drops each live table and moves its copy into
 * the live schema under the same name, with the live indexes' names. Projection tables must not be
 * referenced by views or foreign keys (the drop refuses), and carry no triggers or grants of their own
 * (the copy has none).
 */
final class ShadowTables {

    private final String schema;
    /** Live table name to its schema. */
    private final Map<String, String> live;
    private final String searchPath;

    private ShadowTables(String schema, Map<String, String> live, String searchPath) {
        this.schema = schema;
        this.live = live;
        this.searchPath = searchPath;
    }

    /** Creates the shadow schema and its empty copies of {@code tables}, in one transaction. */
    static Uni<ShadowTables> create(Pool pool, String projection, List<String> tables) {
        String schema = ("es_rebuild_" + projection.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"));
        schema = schema.substring(0, Math.min(schema.length(), 50)) + "_" + UUID.randomUUID().toString().substring(0, 8);
        String name = schema;
        return pool.withTransaction(connection -> connection.query("select current_setting('search_path')").execute()
                .chain(path -> {
                    String searchPath = quote(name) + ", " + path.iterator().next().getString(0);
                    Map<String, String> live = new LinkedHashMap<>();
                    Uni<Void> chain = connection.query("create schema " + quote(name)).execute().replaceWithVoid();
                    for (String table : tables) {
                        chain = chain.chain(() -> connection.preparedQuery("select n.nspname from pg_class c"
                                                + " join pg_namespace n on n.oid = c.relnamespace where c.oid = to_regclass($1)")
                                        .execute(Tuple.of(table)))
                                .chain(rows -> {
                                    if (rows.size() == 0) {
                                        throw new IllegalStateException("Projection table " + table + " does not exist");
                                    }
                                    live.put(table, rows.iterator().next().getString(0));
                                    return connection.query("create table " + quote(name) + "." + quote(table) + " (like "
                                            + quote(live.get(table)) + "." + quote(table) + " including all)").execute();
                                })
                                .replaceWithVoid();
                    }
                    return chain.replaceWith(() -> new ShadowTables(name, live, searchPath));
                }));
    }

    String schema() {
        return schema;
    }

    /** For {@code set local search_path}: the shadow schema first, then the path the tables live on. */
    String searchPath() {
        return searchPath;
    }

    /** The live tables, schema-qualified, for the swap's lock. */
    String liveTables() {
        List<String> names = new ArrayList<>();
        live.forEach((table, liveSchema) -> names.add(quote(liveSchema) + "." + quote(table)));
        return String.join(", ", names);
    }

    /** Reclaims the rows the chunks updated more than once and gathers statistics, before the swap. */
    Uni<Void> vacuumAnalyze(Pool pool) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String table : live.keySet()) {
            chain = chain.chain(() -> pool.query("vacuum (analyze) " + quote(schema) + "." + quote(table)).execute()).replaceWithVoid();
        }
        return chain;
    }

    /** Statistics of the swapped-in tables (the tail went in after the vacuum). */
    Uni<Void> analyzeLive(Pool pool) {
        return pool.query("analyze " + liveTables()).execute().replaceWithVoid();
    }

    /**
     * On the swap's session, holding the live tables in ACCESS EXCLUSIVE mode: replaces each live
     * table with its copy, gives the copy's indexes (and so its constraints) the live names, and drops
     * the then empty shadow schema.
     */
    Uni<Void> swap(Mutiny.Session session) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> table : live.entrySet()) {
            String liveName = quote(table.getValue()) + "." + quote(table.getKey());
            String copyName = quote(schema) + "." + quote(table.getKey());
            chain = chain.chain(() -> indexes(session, table.getValue(), table.getKey()))
                    .chain(liveIndexes -> indexes(session, schema, table.getKey())
                            .chain(copyIndexes -> session.createNativeQuery("drop table " + liveName).executeUpdate()
                                    .chain(() -> session.createNativeQuery("alter table " + copyName + " set schema "
                                            + quote(table.getValue())).executeUpdate())
                                    .chain(() -> renameIndexes(session, table.getValue(), liveIndexes, copyIndexes))));
        }
        return chain.chain(() -> session.createNativeQuery("drop schema " + quote(schema)).executeUpdate()).replaceWithVoid();
    }

    /** Drops the shadow schema and whatever it holds: after a failed rebuild. */
    Uni<Void> drop(Pool pool) {
        return pool.query("drop schema if exists " + quote(schema) + " cascade").execute().replaceWithVoid();
    }

    /** Index name to its definition without the name and table ({@code UNIQUE ... USING btree (...)}). */
    private static Uni<Map<String, String>> indexes(Mutiny.Session session, String tableSchema, String table) {
        return session.createNativeQuery("select i.relname, x.indisunique, pg_get_indexdef(i.oid) from pg_index x"
                        + " join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                        + " join pg_namespace n on n.oid = t.relnamespace where n.nspname = ?1 and t.relname = ?2"
                        + " order by i.relname", Object[].class)
                .setParameter(1, tableSchema)
                .setParameter(2, table)
                .getResultList()
                .map(rows -> {
                    Map<String, String> byName = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        String definition = String.valueOf(row[2]);
                        byName.put(String.valueOf(row[0]), row[1] + definition.substring(definition.indexOf(" USING ")));
                    }
                    return byName;
                });
    }

    /** Renames the copy's indexes to the live ones with the same definition, through temporary names (no clash). */
    private static Uni<Void> renameIndexes(Mutiny.Session session, String liveSchema, Map<String, String> liveIndexes,
                                           Map<String, String> copyIndexes) {
        Map<String, String> renames = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>(liveIndexes.keySet());
        for (Map.Entry<String, String> copy : copyIndexes.entrySet()) {
            String original = unmatched.stream().filter(name -> liveIndexes.get(name).equals(copy.getValue())).findFirst().orElse(null);
            if (original != null) {
                unmatched.remove(original);
                if (!original.equals(copy.getKey())) {
                    renames.put(copy.getKey(), original);
                }
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        int n = 0;
        for (String name : renames.keySet()) {
            String temporary = "es_rebuild_index_" + n++;
            chain = chain.chain(() -> rename(session, liveSchema, name, temporary));
        }
        n = 0;
        for (String original : renames.values()) {
            String temporary = "es_rebuild_index_" + n++;
            chain = chain.chain(() -> rename(session, liveSchema, temporary, original));
        }
        return chain;
    }

    private static Uni<Void> rename(Mutiny.Session session, String schema, String from, String to) {
        return session.createNativeQuery("alter index " + quote(schema) + "." + quote(from) + " rename to " + quote(to))
                .executeUpdate().replaceWithVoid();
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

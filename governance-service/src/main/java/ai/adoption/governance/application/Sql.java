package ai.adoption.governance.application;

import ai.adoption.eventsourcing.store.Columns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Native statements on the current reactive session, for the append-only history tables (one
 * insert per effective-dated fact) and the queries that read them with lateral joins.
 */
final class Sql {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private Sql() {
    }

    /** {@code insert into table (c1, c2, ...) values (?1, ?2, ...)} from column/value pairs. */
    static Uni<Void> insert(String table, Object... columnsAndValues) {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.append(i == 0 ? "" : ", ").append(columnsAndValues[i]);
            values.append(i == 0 ? "" : ", ").append('?').append(i / 2 + 1);
        }
        Object[] parameters = new Object[columnsAndValues.length / 2];
        for (int i = 1; i < columnsAndValues.length; i += 2) {
            Object value = columnsAndValues[i];
            // structured values go into text columns as JSON
            parameters[i / 2] = value instanceof Collection<?> || value instanceof Record ? json(value) : value;
        }
        return update("insert into " + table + " (" + columns + ") values (" + values + ")", parameters).replaceWithVoid();
    }

    static Uni<Integer> update(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql), parameters).executeUpdate());
    }

    static Uni<List<Object[]>> rows(String sql, Object... parameters) {
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql, Object[].class), parameters).getResultList());
    }

    static <Q extends Mutiny.AbstractQuery> Q bind(Q query, Object... parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, value(parameters[i]));
        }
        return query;
    }

    private static Object value(Object value) {
        if (value instanceof Instant instant) {
            return Columns.utc(instant);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        return value;
    }

    static String json(Object value) {
        try {
            return value == null ? null : JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> strings(Object json) {
        try {
            return json == null ? List.of() : JSON.readValue(json.toString(), new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON array in a read model: " + json, e);
        }
    }

    static <T> T read(Object json, Class<T> type) {
        try {
            return json == null ? null : JSON.readValue(json.toString(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable JSON in a read model: " + json, e);
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, Object value) {
        return value == null ? null : Enum.valueOf(type, value.toString());
    }

    static Boolean bool(Object value) {
        return value == null ? null : (Boolean) value;
    }

    static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }
}

package ai.adoption.eventsourcing.projection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code where} clause of a read-model query from optional filters, always with bound
 * parameters. Column names come from code, never from requests.
 */
public final class Filter {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** {@code column = value}, if a value is given. */
    public Filter equal(String column, Object value) {
        if (value != null) {
            conditions.add(column + " = ?");
            parameters.add(value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    /** {@code column >= value}, if a value is given. */
    public Filter atLeast(String column, Object value) {
        if (value != null) {
            conditions.add(column + " >= ?");
            parameters.add(value);
        }
        return this;
    }

    /** {@code column < value}, if a value is given. */
    public Filter before(String column, Object value) {
        if (value != null) {
            conditions.add(column + " < ?");
            parameters.add(value);
        }
        return this;
    }

    /** A condition of the caller's own, with its parameters. */
    public Filter where(String condition, Object... values) {
        conditions.add(condition);
        parameters.addAll(List.of(values));
        return this;
    }

    public String clause() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /** Binds the filter's parameters from index {@code from}; returns the next free index. */
    public int bind(PreparedStatement ps, int from) throws SQLException {
        int i = from;
        for (Object value : parameters) {
            if (value instanceof Instant instant) {
                ps.setTimestamp(i++, Timestamp.from(instant));
            } else if (value instanceof LocalDate date) {
                ps.setObject(i++, date);
            } else {
                ps.setObject(i++, value);
            }
        }
        return i;
    }
}

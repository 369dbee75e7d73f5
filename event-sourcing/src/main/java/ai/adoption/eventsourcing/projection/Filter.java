package ai.adoption.eventsourcing.projection;

import io.quarkus.panache.common.Parameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the condition of a Panache read-model query from optional filters, always with named,
 * bound parameters. Attribute names come from code, never from requests.
 */
public final class Filter {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    /** {@code attribute = value}, if a value is given. */
    public Filter equal(String attribute, Object value) {
        return value == null ? this : where(attribute + " = :" + bind(value));
    }

    /** {@code attribute >= value}, if a value is given. */
    public Filter atLeast(String attribute, Object value) {
        return value == null ? this : where(attribute + " >= :" + bind(value));
    }

    /** {@code attribute < value}, if a value is given. */
    public Filter before(String attribute, Object value) {
        return value == null ? this : where(attribute + " < :" + bind(value));
    }

    /** A condition of the caller's own; {@code :name} parameters are bound with {@link #with}. */
    public Filter where(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Binds a named parameter used by a {@link #where} condition. */
    public Filter with(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    /** The query for Panache's {@code find}/{@code count}: the conditions joined, or all rows. */
    public String query() {
        return conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    }

    public Parameters parameters() {
        Parameters result = new Parameters();
        parameters.forEach(result::and);
        return result;
    }

    private String bind(Object value) {
        String name = "p" + parameters.size();
        parameters.put(name, value);
        return name;
    }
}

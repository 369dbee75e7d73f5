package ai.adoption.contracts;

import java.util.List;
import java.util.Objects;

/**
 * The checks a payload record makes when it is built: what every producer always sends. A reader
 * that gets a payload without it fails with an {@link IllegalArgumentException} naming the field
 * (a JSON binder reports it as a mapping error, so the record is dead-lettered).
 */
final class Required {

    private Required() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    /** Absent or null is empty; a null element is refused. Immutable. */
    static <T> List<T> listOf(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " holds a null");
        }
        return List.copyOf(values);
    }
}

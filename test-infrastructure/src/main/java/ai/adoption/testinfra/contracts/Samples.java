package ai.adoption.testinfra.contracts;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sample instances of an event record, built from its components: every field set, lists of two,
 * nested records filled in the same way. Sample {@code i} takes the {@code i}-th constant of every
 * enumeration (modulo its size), so {@link #of} together cover every constant of every enum used.
 */
final class Samples {

    private Samples() {
    }

    /** As many samples as the largest enumeration in the record (at least one). */
    static List<Object> of(Class<?> record) {
        int count = Math.max(1, largestEnum(record, new LinkedHashSet<>()));
        List<Object> samples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            samples.add(sample(record, record, i));
        }
        return samples;
    }

    private static int largestEnum(Type type, Set<Type> seen) {
        if (!seen.add(type)) {
            return 0;
        }
        if (type instanceof ParameterizedType parameterized) {
            int largest = 0;
            for (Type argument : parameterized.getActualTypeArguments()) {
                largest = Math.max(largest, largestEnum(argument, seen));
            }
            return largest;
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isEnum()) {
            return raw.getEnumConstants().length;
        }
        int largest = 0;
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                largest = Math.max(largest, largestEnum(component.getGenericType(), seen));
            }
        }
        return largest;
    }

    private static Object sample(Type type, Class<?> owner, int i) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type element = parameterized.getActualTypeArguments()[0];
            List<Object> values = new ArrayList<>(List.of(sample(element, owner, i), sample(element, owner, i + 1)));
            if (Set.class.isAssignableFrom(raw)) {
                return new LinkedHashSet<>(values);
            }
            if (List.class.isAssignableFrom(raw) || Collection.class.equals(raw)) {
                return values;
            }
            throw new IllegalArgumentException("No sample for " + type + " in " + owner.getName());
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return "sample " + i;
        }
        if (raw == UUID.class) {
            return UUID.nameUUIDFromBytes(("sample " + i).getBytes(StandardCharsets.UTF_8));
        }
        if (raw == int.class || raw == Integer.class) {
            return 6 + i;
        }
        if (raw == long.class || raw == Long.class) {
            return 7L + i;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return i % 2 == 0;
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal("15000.50").add(BigDecimal.valueOf(i));
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(2026, 12, 1).plusDays(i);
        }
        if (raw == Instant.class) {
            return Instant.parse("2026-12-01T09:00:00.412Z").plusSeconds(i);
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[i % constants.length];
        }
        if (raw.isRecord()) {
            RecordComponent[] components = raw.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int c = 0; c < components.length; c++) {
                values[c] = sample(components[c].getGenericType(), raw, i);
                types[c] = components[c].getType();
            }
            try {
                Constructor<?> canonical = raw.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot build a sample " + raw.getName() + ": " + e, e);
            }
        }
        throw new IllegalArgumentException("No sample for " + raw.getName() + " in " + owner.getName());
    }
}

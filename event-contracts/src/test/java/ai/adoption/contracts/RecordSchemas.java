package ai.adoption.contracts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Derives the JSON Schema of a contract record from its components, as Jackson writes them: text,
 * UUIDs ({@code format: uuid}), ISO dates and instants ({@code date}, {@code date-time}), numbers,
 * enums by their exact names, lists and nested records (inlined, so each payload schema stands alone).
 * A field is required when the record's compact constructor refuses a null for it, or when it is a
 * primitive (always written); every other field may be absent or null. Unknown fields are allowed:
 * a version may gain optional fields (docs/events.md, "Versioning").
 */
final class RecordSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordSchemas() {
    }

    static ObjectNode of(Class<?> record) {
        if (!record.isRecord()) {
            throw new IllegalArgumentException(record.getName() + " is not a record");
        }
        ObjectNode schema = NODES.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        RecordComponent[] components = record.getRecordComponents();
        List<String> required = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            boolean mandatory = component.getType().isPrimitive() || refusesNull(record, i);
            if (mandatory) {
                required.add(component.getName());
            }
            properties.set(component.getName(), of(component.getType(), component.getGenericType(), !mandatory));
        }
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        return schema;
    }

    private static ObjectNode of(Class<?> type, Type generic, boolean nullable) {
        ObjectNode schema;
        if (type == String.class) {
            schema = NODES.objectNode().put("type", "string");
        } else if (type == UUID.class) {
            schema = NODES.objectNode().put("type", "string").put("format", "uuid");
        } else if (type == LocalDate.class) {
            schema = NODES.objectNode().put("type", "string").put("format", "date");
        } else if (type == Instant.class) {
            schema = NODES.objectNode().put("type", "string").put("format", "date-time");
        } else if (type == BigDecimal.class) {
            schema = NODES.objectNode().put("type", "number");
        } else if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            schema = NODES.objectNode().put("type", "integer");
        } else if (type == boolean.class || type == Boolean.class) {
            schema = NODES.objectNode().put("type", "boolean");
        } else if (type.isEnum()) {
            schema = NODES.objectNode().put("type", "string");
            ArrayNode names = schema.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            if (nullable) {
                names.addNull();
            }
        } else if (type == List.class && generic instanceof ParameterizedType list) {
            Type element = list.getActualTypeArguments()[0];
            schema = NODES.objectNode().put("type", "array");
            schema.set("items", of((Class<?>) element, element, false));
        } else if (type.isRecord()) {
            schema = of(type);
        } else {
            throw new IllegalArgumentException("No JSON Schema for " + generic.getTypeName() + "; add it to RecordSchemas");
        }
        if (nullable) {
            String single = schema.get("type").asText();
            schema.putArray("type").add(single).add("null");
        }
        return schema;
    }

    /** Whether the canonical constructor fails when this component alone is null. */
    private static boolean refusesNull(Class<?> record, int index) {
        Object[] arguments = samples(record);
        arguments[index] = null;
        try {
            canonical(record).newInstance(arguments);
            return false;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException) {
                return true;
            }
            throw new IllegalStateException(record.getName() + " refused a sample value", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object[] samples(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = sample(components[i].getType());
        }
        return values;
    }

    private static Object sample(Class<?> type) {
        if (type == String.class) {
            return "x";
        } else if (type == UUID.class) {
            return new UUID(0, 1);
        } else if (type == LocalDate.class) {
            return LocalDate.EPOCH;
        } else if (type == Instant.class) {
            return Instant.EPOCH;
        } else if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        } else if (type == int.class || type == Integer.class) {
            return 1;
        } else if (type == long.class || type == Long.class) {
            return 1L;
        } else if (type == boolean.class || type == Boolean.class) {
            return Boolean.TRUE;
        } else if (type.isEnum()) {
            return type.getEnumConstants()[0];
        } else if (type == List.class) {
            return List.of();
        } else if (type.isRecord()) {
            try {
                return canonical(type).newInstance(samples(type));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " refused sample values", e);
            }
        }
        throw new IllegalArgumentException("No sample for " + type.getName());
    }

    private static Constructor<?> canonical(Class<?> record) throws NoSuchMethodException {
        Class<?>[] types = new Class<?>[record.getRecordComponents().length];
        for (int i = 0; i < types.length; i++) {
            types[i] = record.getRecordComponents()[i].getType();
        }
        Constructor<?> constructor = record.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor;
    }
}

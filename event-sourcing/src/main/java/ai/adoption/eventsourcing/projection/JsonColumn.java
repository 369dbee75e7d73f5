package ai.adoption.eventsourcing.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.persistence.AttributeConverter;

/**
 * Stores a structured read-model value (a record, a list) as JSON text in one column. Subclass it
 * per value type and put {@code @Convert(converter = ...)} on the entity's field.
 */
public abstract class JsonColumn<T> implements AttributeConverter<T, String> {

    private static final ObjectMapper MAPPER = JsonMapper.builder().findAndAddModules().build();

    private final JavaType type;

    protected JsonColumn(Class<?> raw, Class<?>... parameters) {
        this.type = parameters.length == 0
                ? MAPPER.getTypeFactory().constructType(raw)
                : MAPPER.getTypeFactory().constructParametricType(raw, parameters);
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        try {
            return value == null ? null : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + type + " as JSON", e);
        }
    }

    @Override
    public T convertToEntityAttribute(String json) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read " + type + " from the read model", e);
        }
    }
}

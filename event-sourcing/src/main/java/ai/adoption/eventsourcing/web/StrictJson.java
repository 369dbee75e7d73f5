package ai.adoption.eventsourcing.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Strict JSON binding for every service: a value binds only when it has exactly the declared JSON
 * type. No scalar coercion ({@code 12345} is not a string, {@code "true"} not a boolean, {@code "100"}
 * not a number, {@code 0} not an enum, {@code 7} not a date), enum names are exact, dates are
 * ISO-8601 {@code yyyy-MM-dd} with a year from 0001 to 9999 (what PostgreSQL's {@code date} stores),
 * UUIDs are canonical, strings may not hold what PostgreSQL cannot store ({@link Text}), an empty
 * string is never null, duplicate keys and trailing content are malformed JSON. Every refusal is a
 * Jackson mapping error, which {@link ProblemMappers} turns into a 400 naming the field.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Last, after Quarkus has registered the JSR-310 module, so that the strict date deserializers win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, false);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, false);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_VALUES, false);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT, DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL,
                DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);
        mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());

        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setAcceptBlankAsEmpty(false);
        for (LogicalType type : new LogicalType[]{LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer,
                LogicalType.Float, LogicalType.Enum, LogicalType.DateTime, LogicalType.OtherScalar}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual || type == LogicalType.Enum
                            || type == LogicalType.DateTime || type == LogicalType.OtherScalar ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }

        SimpleModule module = new SimpleModule("eventsourcing-strict-json");
        module.addDeserializer(String.class, new StrictString());
        module.addDeserializer(LocalDate.class, new StrictDate());
        module.addDeserializer(Instant.class, new StrictInstant());
        module.addDeserializer(Period.class, new StrictPeriod());
        module.addDeserializer(UUID.class, new StrictUuid());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                              BeanDescription beanDesc, JsonDeserializer<?> deserializer) {
                return new StrictEnum(type.getRawClass());
            }
        });
        mapper.registerModule(module);
    }

    /** Only a JSON string is a string, and only one PostgreSQL can store. */
    static final class StrictString extends StdScalarDeserializer<String> {
        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String value = p.getText();
            String problem = Text.unstorable(value);
            if (problem != null) {
                throw new InvalidJsonValue(p, problem, String.class);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** The exact constant name, nothing else: no trimming, no case folding, no ordinals. */
    static final class StrictEnum extends StdScalarDeserializer<Object> {
        private final Map<String, Object> constants = new HashMap<>();

        StrictEnum(Class<?> type) {
            super(type);
            for (Object constant : type.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), constant);
            }
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.handleUnexpectedToken(handledType(), p);
            }
            Object constant = constants.get(p.getText());
            if (constant == null) {
                throw ctxt.weirdStringException(p.getText(), handledType(), "not one of the values accepted");
            }
            return constant;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Enum;
        }
    }

    static final class StrictDate extends StdScalarDeserializer<LocalDate> {
        StrictDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            LocalDate date = Requests.isoDate(p.getText());
            if (date == null) {
                throw new InvalidJsonValue(p, Requests.DATE_RULE, LocalDate.class);
            }
            return date;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }

    /**
     * Set on readers of stored events ({@code EventCodec}): an instant that an earlier, laxer version
     * accepted and recorded (a year past 9999, say) must still load, because events are facts.
     */
    public static final String STORED_EVENT = "eventsourcing.stored-event";

    /**
     * The same rule as an instant in a query: a JSON string, ISO-8601 with an offset, years 0001 to 9999.
     * Refuses epoch numbers ({@code 7}, {@code "1767225600"}) and signed years ({@code +10000-…}).
     */
    static final class StrictInstant extends StdScalarDeserializer<Instant> {
        StrictInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            Instant instant = Requests.isoInstant(p.getText());
            if (instant == null && Boolean.TRUE.equals(ctxt.getAttribute(STORED_EVENT))) {
                try {
                    return Instant.parse(p.getText());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidJsonValue(p, Requests.INSTANT_RULE, Instant.class);
                }
            }
            if (instant == null) {
                throw new InvalidJsonValue(p, Requests.INSTANT_RULE, Instant.class);
            }
            return instant;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }

    static final class StrictPeriod extends StdScalarDeserializer<Period> {
        StrictPeriod() {
            super(Period.class);
        }

        @Override
        public Period deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Period) ctxt.handleUnexpectedToken(Period.class, p);
            }
            String text = p.getText();
            if (text.length() > 40 || !text.matches("-?P[0-9YMWD-]+")) {
                throw new InvalidJsonValue(p, "must be an ISO-8601 period such as P3M", Period.class);
            }
            try {
                return Period.parse(text);
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new InvalidJsonValue(p, "must be an ISO-8601 period such as P3M", Period.class);
            }
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }

    static final class StrictUuid extends StdScalarDeserializer<UUID> {
        StrictUuid() {
            super(UUID.class);
        }

        @Override
        public UUID deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (UUID) ctxt.handleUnexpectedToken(UUID.class, p);
            }
            UUID id = Requests.canonicalUuid(p.getText());
            if (id == null) {
                throw new InvalidJsonValue(p, Requests.UUID_RULE, UUID.class);
            }
            return id;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.OtherScalar;
        }
    }
}

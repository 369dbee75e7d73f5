package ai.adoption.eventsourcing.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns domain events (plain records) into stored JSON and back, using the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    @Inject
    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String encode(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + event.getClass().getName(), e);
        }
    }

    public Object decode(EventType type, String json) {
        try {
            return mapper.readValue(json, type.javaType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored " + type.name() + " v" + type.schemaVersion(), e);
        }
    }

    public <E> RecordedEvent<E> decode(AggregateType<?, E, ?> aggregate, RecordedEvent<String> stored) {
        EventType type = aggregate.typeNamed(stored.eventType(), stored.schemaVersion());
        @SuppressWarnings("unchecked")
        E event = (E) decode(type, stored.payload());
        return stored.withPayload(event);
    }
}

package ai.adoption.eventsourcing.store;

import ai.adoption.eventsourcing.web.StrictJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns domain events (plain records) into stored JSON and back, using the application's ObjectMapper. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;
    private final ObjectReader storedEvents;

    @Inject
    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.storedEvents = mapper.reader().withAttribute(StrictJson.STORED_EVENT, Boolean.TRUE);
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
            return storedEvents.forType(type.javaType()).readValue(json);
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

package ai.adoption.eventsourcing.store;

import ai.adoption.eventsourcing.core.Decider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the machinery needs to know about one kind of aggregate: its stream type name (which
 * also names its Kafka topic), its decider and the event classes it may store.
 */
public final class AggregateType<C, E, S> {

    private final String name;
    private final Decider<C, E, S> decider;
    private final Map<Class<?>, EventType> byClass = new LinkedHashMap<>();
    private final Map<String, EventType> byName = new LinkedHashMap<>();

    private AggregateType(String name, Decider<C, E, S> decider, List<EventType> eventTypes) {
        this.name = Objects.requireNonNull(name);
        this.decider = Objects.requireNonNull(decider);
        for (EventType type : eventTypes) {
            if (byClass.put(type.javaType(), type) != null || byName.put(key(type.name(), type.schemaVersion()), type) != null) {
                throw new IllegalArgumentException("Duplicate event type " + type);
            }
        }
    }

    public static <C, E, S> AggregateType<C, E, S> of(String name, Decider<C, E, S> decider, EventType... eventTypes) {
        return new AggregateType<>(name, decider, List.of(eventTypes));
    }

    public String name() { return name; }

    public Decider<C, E, S> decider() { return decider; }

    public List<EventType> eventTypes() { return List.copyOf(byClass.values()); }

    public EventType typeOf(Object event) {
        EventType type = byClass.get(event.getClass());
        if (type == null) {
            throw new IllegalStateException(event.getClass().getName() + " is not registered for aggregate " + name);
        }
        return type;
    }

    public EventType typeNamed(String eventName, int schemaVersion) {
        EventType type = byName.get(key(eventName, schemaVersion));
        if (type == null) {
            throw new IllegalStateException("Unknown event " + eventName + " v" + schemaVersion + " for aggregate " + name);
        }
        return type;
    }

    private static String key(String eventName, int version) {
        return eventName + "#" + version;
    }

    @Override
    public String toString() {
        return "AggregateType[" + name + "]";
    }
}

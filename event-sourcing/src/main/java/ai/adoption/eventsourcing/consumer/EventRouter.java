package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.core.Actor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smallrye.mutiny.Uni;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A consumer's {@link EventHandler} that reads each event through the stream contract: the
 * {@code ce_type} picks the payload record its handler takes, the JSON {@code data} binds to that
 * record with the service's strict JSON rules (exact types and enum names, ISO dates, canonical
 * UUIDs, whatever the record's constructor requires), and the "caused by this event"
 * {@link CommandContext} is built once ({@link ConsumedEvent}). Fields the record does not know are
 * ignored: a producer may add optional fields to a published version. A type without a route is
 * skipped. Data that does not bind fails with an {@link IllegalArgumentException} naming the event,
 * so {@link IdempotentEvents} dead-letters the record.
 * <p>
 * It is generic over the payload records: the type names come from a catalogue passed in
 * ({@code EventCatalogue::typeOf} of the {@code event-contracts} module), so this module does not
 * depend on the contract's records. Built with {@link EventRouters#router}.
 */
public final class EventRouter implements EventHandler {

    /** Handles one event's payload, in the consumer's transaction. */
    @FunctionalInterface
    public interface Route<T> {
        Uni<?> handle(T payload, ConsumedEvent event);
    }

    private record Binding<T>(ObjectReader reader, Route<T> route) {

        Uni<?> handle(IncomingEvent event, CommandContext context) {
            T payload;
            try {
                payload = reader.readValue(event.data() == null ? "" : event.data());
                if (payload == null) {
                    throw new IllegalArgumentException("data is null");
                }
            } catch (Exception e) {
                return Uni.createFrom().failure(new IllegalArgumentException("Unreadable " + event.type() + " " + event.id() + ": "
                        + e.getMessage(), e));
            }
            try {
                return route.handle(payload, new ConsumedEvent(event, context));
            } catch (RuntimeException e) {
                return Uni.createFrom().failure(e);
            }
        }
    }

    private final Actor actor;
    private final Clock clock;
    private final Map<String, Binding<?>> routes;

    private EventRouter(Actor actor, Clock clock, Map<String, Binding<?>> routes) {
        this.actor = actor;
        this.clock = clock;
        this.routes = Map.copyOf(routes);
    }

    @Override
    public Uni<?> handle(IncomingEvent event) {
        Binding<?> binding = routes.get(event.type());
        if (binding == null) {
            return Uni.createFrom().voidItem();
        }
        String id = event.id().toString();
        return binding.handle(event, new CommandContext(actor, event.correlationId() != null ? event.correlationId() : id, id,
                clock.instant()));
    }

    /** Only the routed types: the rest is acknowledged without a transaction. */
    @Override
    public boolean handles(String type) {
        return routes.containsKey(type);
    }

    /** The {@code ce_type}s this router acts on. */
    public Set<String> types() {
        return routes.keySet();
    }

    /** Collects the routes of one consumer. */
    public static final class Builder {
        private final Actor actor;
        private final ObjectReader reader;
        private final Clock clock;
        private final Function<Class<?>, String> typeOf;
        private final Map<String, Binding<?>> routes = new LinkedHashMap<>();

        Builder(Actor actor, ObjectMapper json, Clock clock, Function<Class<?>, String> typeOf) {
            this.actor = Objects.requireNonNull(actor, "actor");
            this.reader = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            this.clock = Objects.requireNonNull(clock, "clock");
            this.typeOf = Objects.requireNonNull(typeOf, "typeOf");
        }

        /** Events of the catalogue type of {@code payload} go to {@code route}. */
        public <T> Builder on(Class<T> payload, Route<T> route) {
            String type = typeOf.apply(payload);
            if (routes.putIfAbsent(type, new Binding<>(reader.forType(payload), Objects.requireNonNull(route, "route"))) != null) {
                throw new IllegalStateException("Two routes for " + type);
            }
            return this;
        }

        public EventRouter build() {
            return new EventRouter(actor, clock, routes);
        }
    }
}

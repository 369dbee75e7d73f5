package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.core.Actor;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.function.Function;

/** Builds {@link EventRouter}s on the service's strict {@link ObjectMapper} and clock. */
@ApplicationScoped
public class EventRouters {

    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public EventRouters(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * A router whose commands are issued as {@code system:<service>}; {@code typeOf} names the
     * {@code ce_type} of a payload record ({@code EventCatalogue::typeOf}).
     */
    public EventRouter.Builder router(String service, Function<Class<?>, String> typeOf) {
        return new EventRouter.Builder(Actor.system(service), json, clock, typeOf);
    }
}

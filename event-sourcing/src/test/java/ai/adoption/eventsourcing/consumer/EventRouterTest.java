package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.web.StrictJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed router: by ce_type to a payload record, strictly read, with the "caused by this event" context built once. */
class EventRouterTest {

    enum Colour { RED, GREEN }

    record Painted(UUID id, Colour colour, LocalDate on) {
        Painted {
            if (id == null) {
                throw new IllegalArgumentException("id is required");
            }
        }
    }

    record Other(String name) {
    }

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final Map<Class<?>, String> CATALOGUE = Map.of(Painted.class, "test.painted.v1", Other.class, "test.other.v1");

    private final List<Object> handled = new ArrayList<>();
    private final EventRouter router = routers().router("test-service", CATALOGUE::get)
            .on(Painted.class, (payload, event) -> {
                handled.add(payload);
                handled.add(event.context());
                handled.add(event.happenedOn());
                return Uni.createFrom().voidItem();
            })
            .build();

    private static EventRouters routers() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StrictJson().customize(mapper);
        return new EventRouters(mapper, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static IncomingEvent event(String type, String correlationId, Instant time, String data) {
        return new IncomingEvent(UUID.randomUUID(), "urn:test", type, "s", time, correlationId, data, "t", 0, 0);
    }

    @Test
    void aRoutedEventReachesItsHandlerAsItsRecordWithTheContextOfCommandsItCauses() {
        UUID id = UUID.randomUUID();
        IncomingEvent event = event("test.painted.v1", "corr-1", Instant.parse("2026-11-30T23:30:00Z"),
                "{\"id\":\"" + id + "\",\"colour\":\"RED\",\"on\":\"2026-11-30\",\"addedLater\":1}");
        router.handle(event).await().indefinitely();
        assertThat(handled).containsExactly(new Painted(id, Colour.RED, LocalDate.parse("2026-11-30")),
                new CommandContext(Actor.system("test-service"), "corr-1", event.id().toString(), NOW), LocalDate.parse("2026-11-30"));
    }

    @Test
    void withoutACorrelationIdTheEventsOwnIdCorrelatesAndWithoutATimeTheClockDates() {
        IncomingEvent event = event("test.painted.v1", null, null, "{\"id\":\"" + UUID.randomUUID() + "\"}");
        router.handle(event).await().indefinitely();
        assertThat(((CommandContext) handled.get(1)).correlationId()).isEqualTo(event.id().toString());
        assertThat(handled.get(2)).isEqualTo(LocalDate.parse("2026-12-03"));
    }

    @Test
    void aTypeWithoutARouteIsSkipped() {
        router.handle(event("test.other.v1", null, NOW, "not even JSON")).await().indefinitely();
        router.handle(event("test.unknown.v1", null, NOW, "{}")).await().indefinitely();
        assertThat(handled).isEmpty();
        assertThat(router.types()).containsExactly("test.painted.v1");
        // so IdempotentEvents acknowledges those without a transaction
        assertThat(router.handles("test.painted.v1")).isTrue();
        assertThat(router.handles("test.other.v1")).isFalse();
    }

    @Test
    void dataThatDoesNotReadIntoTheRecordFailsNamingTheEvent() {
        String id = "\"id\":\"" + UUID.randomUUID() + "\"";
        for (String data : List.of("", "null", "[]", "{}", "{" + id + ",\"colour\":\"red\"}", "{" + id + ",\"colour\":1}",
                "{" + id + ",\"on\":\"30.11.2026\"}", "{\"id\":\"1-2-3-4-5\"}", "{" + id + "} trailing")) {
            IncomingEvent event = event("test.painted.v1", null, NOW, data);
            assertThatThrownBy(() -> router.handle(event).await().indefinitely()).as(data)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Unreadable test.painted.v1 " + event.id() + ": ");
        }
        assertThat(handled).isEmpty();
    }

    @Test
    void aPayloadClassHasOneRoute() {
        EventRouter.Builder builder = routers().router("test-service", CATALOGUE::get)
                .on(Other.class, (payload, event) -> Uni.createFrom().voidItem());
        assertThatThrownBy(() -> builder.on(Other.class, (payload, event) -> Uni.createFrom().voidItem()))
                .isInstanceOf(IllegalStateException.class);
    }
}

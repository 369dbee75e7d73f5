package ai.adoption.experiments.messaging;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.experiments.application.Aggregates;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.FindingKind;
import ai.adoption.experiments.domain.IdeaCommand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What experiments-service consumes from governance-service's {@code governance.finding} topic: a
 * {@code finding.raised} (the idea's tool is not approved, its approval expired, or the idea's data
 * class is not allowed for it) is recorded on the idea ({@code idea.finding-recorded}, caused by the
 * finding event), whatever the idea's status, so that an approver sees it before deciding. The same
 * finding id is recorded once. An idea this service does not know is logged and skipped; data that
 * cannot be read fails, and the record goes to the dead-letter topic. A {@code finding.resolved} (the
 * cause went away: the tool was approved for the idea's data class, or the idea was revised) is shown
 * on the idea ({@code idea.finding-resolved}), once; a finding the idea never recorded is skipped.
 * Every other type on the topic is ignored.
 */
@Startup
@ApplicationScoped
public class GovernanceFindingsConsumer {

    public static final String CONSUMER = "experiments-findings";
    public static final String RAISED = "ai.adoption.finding.raised.v1";
    public static final String RESOLVED = "ai.adoption.finding.resolved.v1";
    private static final Logger LOG = Logger.getLogger(GovernanceFindingsConsumer.class);

    private final ConsumerChannel findings;
    private final CommandBus bus;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public GovernanceFindingsConsumer(IdempotentEvents events, CommandBus bus, ObjectMapper json, Clock clock) {
        this.bus = bus;
        this.json = json;
        this.clock = clock;
        this.findings = events.channel("finding-events", CONSUMER, this::handle);
    }

    @Incoming("finding-events")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return findings.on(record);
    }

    Uni<?> handle(IncomingEvent event) {
        if (RESOLVED.equals(event.type())) {
            return resolved(event);
        }
        if (!RAISED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        Actor actor = Actor.system("experiments-service");
        Raised raised;
        try {
            raised = Raised.read(json.readTree(event.data()), actor);
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable finding.raised " + event.id() + ": "
                    + e.getMessage(), e));
        }
        CommandContext context = new CommandContext(actor,
                event.correlationId() != null ? event.correlationId() : event.id().toString(), event.id().toString(),
                clock.instant());
        return bus.execute(Aggregates.IDEA, raised.ideaId().toString(), ExpectedVersion.ANY, raised.command(), context)
                .onFailure(NotFound.class).recoverWithItem(e -> {
                    LOG.warnf("finding.raised %s (finding %s) names idea %s, which this service does not know", event.id(),
                            raised.command().findingId(), raised.ideaId());
                    return null;
                });
    }

    private Uni<?> resolved(IncomingEvent event) {
        Actor actor = Actor.system("experiments-service");
        UUID ideaId;
        IdeaCommand.ResolveFinding command;
        try {
            JsonNode data = json.readTree(event.data());
            if (data == null || !data.isObject()) {
                throw new IllegalArgumentException("data is not a JSON object");
            }
            ideaId = Raised.uuid(data, "ideaId");
            command = new IdeaCommand.ResolveFinding(actor, Raised.uuid(data, "findingId"), Raised.text(data, "reason"));
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable finding.resolved " + event.id() + ": "
                    + e.getMessage(), e));
        }
        CommandContext context = new CommandContext(actor,
                event.correlationId() != null ? event.correlationId() : event.id().toString(), event.id().toString(),
                clock.instant());
        return bus.execute(Aggregates.IDEA, ideaId.toString(), ExpectedVersion.ANY, command, context)
                .onFailure(NotFound.class).recoverWithItem(e -> {
                    LOG.warnf("finding.resolved %s (finding %s) names idea %s, which this service does not know", event.id(),
                            command.findingId(), ideaId);
                    return null;
                });
    }

    /**
     * A {@code finding.raised} payload as a command on its idea. {@code findingId}, {@code ideaId} and
     * {@code kind} are required; {@code tool}, {@code dataClassification} and {@code message} may be
     * absent or null; {@code allowedDataClasses} absent or null is empty. A field of the wrong JSON
     * type or an unknown enum name makes the payload unreadable. Fields this service does not know
     * (e.g. {@code department}) are ignored.
     */
    record Raised(UUID ideaId, IdeaCommand.RecordFinding command) {

        static Raised read(JsonNode data, Actor actor) {
            if (data == null || !data.isObject()) {
                throw new IllegalArgumentException("data is not a JSON object");
            }
            UUID findingId = uuid(data, "findingId");
            UUID ideaId = uuid(data, "ideaId");
            FindingKind kind = enumValue(data, "kind", FindingKind.class);
            if (kind == null) {
                throw new IllegalArgumentException("kind is required");
            }
            List<DataClassification> allowed = new ArrayList<>();
            JsonNode classes = data.get("allowedDataClasses");
            if (classes != null && !classes.isNull()) {
                if (!classes.isArray()) {
                    throw new IllegalArgumentException("allowedDataClasses is not an array");
                }
                for (JsonNode value : classes) {
                    allowed.add(enumName("allowedDataClasses[]", value, DataClassification.class));
                }
            }
            return new Raised(ideaId, new IdeaCommand.RecordFinding(actor, findingId, kind, text(data, "tool"),
                    enumValue(data, "dataClassification", DataClassification.class), List.copyOf(allowed),
                    text(data, "message")));
        }

        private static UUID uuid(JsonNode data, String field) {
            String value = text(data, field);
            if (value == null) {
                throw new IllegalArgumentException(field + " is required");
            }
            UUID id;
            try {
                id = UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + " is not a UUID: " + value);
            }
            if (!id.toString().equalsIgnoreCase(value)) {
                throw new IllegalArgumentException(field + " is not a canonical UUID: " + value);
            }
            return id;
        }

        private static String text(JsonNode data, String field) {
            JsonNode value = data.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException(field + " is not a string");
            }
            return value.asText();
        }

        private static <E extends Enum<E>> E enumValue(JsonNode data, String field, Class<E> type) {
            JsonNode value = data.get(field);
            return value == null || value.isNull() ? null : enumName(field, value, type);
        }

        private static <E extends Enum<E>> E enumName(String field, JsonNode value, Class<E> type) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException(field + " is not a string");
            }
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value.asText())) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(field + " is not one of " + List.of(type.getEnumConstants()) + ": "
                    + value.asText());
        }
    }
}

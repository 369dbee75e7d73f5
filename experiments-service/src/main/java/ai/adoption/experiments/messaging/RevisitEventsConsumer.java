package ai.adoption.experiments.messaging;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.experiments.application.Aggregates;
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
import java.util.UUID;

/**
 * What experiments-service consumes from revisit-service's {@code revisit.case} topic: a
 * {@code revisit.reopened} (an ambassador found the case feasible now) reopens the original idea,
 * with an {@code idea.reopened} event whose causation id is the revisit event's id. The idea is back
 * to SUBMITTED for a fresh decision; its history is untouched. An idea that has moved on meanwhile
 * (already reopened, withdrawn, in an experiment) is left alone; an idea this service does not know is
 * logged and skipped. Every other revisit event is ignored.
 */
@Startup
@ApplicationScoped
public class RevisitEventsConsumer {

    public static final String CONSUMER = "experiments-reopen";
    public static final String REOPENED = "ai.adoption.revisit.reopened.v1";
    private static final Logger LOG = Logger.getLogger(RevisitEventsConsumer.class);

    private final ConsumerChannel revisits;
    private final CommandBus bus;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public RevisitEventsConsumer(IdempotentEvents events, CommandBus bus, ObjectMapper json, Clock clock) {
        this.bus = bus;
        this.json = json;
        this.clock = clock;
        this.revisits = events.channel("revisit-events", CONSUMER, this::handle);
    }

    @Incoming("revisit-events")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return revisits.on(record);
    }

    Uni<?> handle(IncomingEvent event) {
        if (!REOPENED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data;
        UUID ideaId;
        UUID caseId;
        try {
            data = json.readTree(event.data());
            ideaId = UUID.fromString(data.get("ideaId").asText());
            caseId = UUID.fromString(data.get("caseId").asText());
        } catch (Exception e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable revisit.reopened " + event.id() + ": " + e, e));
        }
        CommandContext context = new CommandContext(Actor.system("experiments-service"),
                event.correlationId() != null ? event.correlationId() : event.id().toString(), event.id().toString(),
                clock.instant());
        IdeaCommand.ReopenIdea reopen = new IdeaCommand.ReopenIdea(context.actor(), caseId, data.path("cycle").asInt(0),
                data.hasNonNull("notes") ? data.get("notes").asText() : null,
                data.hasNonNull("evaluatedBy") ? data.get("evaluatedBy").asText() : null);
        return bus.execute(Aggregates.IDEA, ideaId.toString(), ExpectedVersion.ANY, reopen, context)
                .onFailure(IllegalTransition.class).recoverWithItem(e -> {
                    LOG.infof("revisit.reopened %s: idea %s is not reopened: %s", event.id(), ideaId, e.getMessage());
                    return null;
                })
                .onFailure(NotFound.class).recoverWithItem(e -> {
                    LOG.warnf("revisit.reopened %s names idea %s, which this service does not know", event.id(), ideaId);
                    return null;
                });
    }
}

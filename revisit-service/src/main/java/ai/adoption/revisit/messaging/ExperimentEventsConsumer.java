package ai.adoption.revisit.messaging;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import static ai.adoption.eventsourcing.cloudevents.EventData.text;
import static ai.adoption.eventsourcing.cloudevents.EventData.uuid;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.Interval;
import ai.adoption.revisit.domain.Origin;

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
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Where cases come from: experiments-service's {@code experiments.idea} and
 * {@code experiments.experiment} topics. Opens a case for every {@code idea.rejected}, every
 * {@code experiment.concluded} whose outcome is FAILED or INCONCLUSIVE or whose recommendation is
 * REVISIT, and every {@code experiment.abandoned}; ignores every other type. Each event is handled
 * once ({@link IdempotentEvents}); a record that is not a CloudEvent, or whose data lacks what a case
 * needs, goes to the channel's dead-letter topic. A case's first cycle starts when the rejection or
 * experiment end happened (the CloudEvent's {@code time}), so a consumer that was down catches up
 * with the right due times.
 */
@Startup
@ApplicationScoped
public class ExperimentEventsConsumer {

    public static final String CONSUMER = "revisit-cases";
    public static final String IDEA_REJECTED = "ai.adoption.idea.rejected.v1";
    public static final String EXPERIMENT_CONCLUDED = "ai.adoption.experiment.concluded.v1";
    public static final String EXPERIMENT_ABANDONED = "ai.adoption.experiment.abandoned.v1";
    private static final Set<String> REVISIT_OUTCOMES = Set.of("FAILED", "INCONCLUSIVE");
    private static final Logger LOG = Logger.getLogger(ExperimentEventsConsumer.class);

    private final ConsumerChannel ideas;
    private final ConsumerChannel experiments;
    private final CaseService cases;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public ExperimentEventsConsumer(IdempotentEvents events, CaseService cases, ObjectMapper json, Clock clock) {
        this.cases = cases;
        this.json = json;
        this.clock = clock;
        this.ideas = events.channel("idea-events", CONSUMER, this::handle);
        this.experiments = events.channel("experiment-events", CONSUMER, this::handle);
    }

    @Incoming("idea-events")
    public Uni<Void> onIdea(ConsumerRecord<String, byte[]> record) {
        return ideas.on(record);
    }

    @Incoming("experiment-events")
    public Uni<Void> onExperiment(ConsumerRecord<String, byte[]> record) {
        return experiments.on(record);
    }

    Uni<?> handle(IncomingEvent event) {
        try {
            return switch (event.type()) {
                case IDEA_REJECTED -> rejected(event, json.readTree(event.data()));
                case EXPERIMENT_CONCLUDED -> concluded(event, json.readTree(event.data()));
                case EXPERIMENT_ABANDONED -> abandoned(event, json.readTree(event.data()));
                default -> Uni.createFrom().voidItem();
            };
        } catch (java.io.IOException | RuntimeException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable " + event.type() + " data: " + e.getMessage(), e));
        }
    }

    private Uni<?> rejected(IncomingEvent event, JsonNode data) {
        String revisitAfter = text(data, "revisitAfter", false);
        String caseInterval = revisitAfter;
        if (revisitAfter != null && !Interval.isValid(revisitAfter)) {
            LOG.warnf("idea.rejected %s carries revisitAfter %s outside PT1S..P5Y: the department or global interval applies",
                    event.id(), revisitAfter);
            caseInterval = null;
        }
        Origin origin = new Origin(CaseSource.REJECTION, uuid(data, "ideaId", true), null, text(data, "department", true),
                text(data, "title", false), text(data, "aiTool", false), text(data, "submitter", false),
                text(data, "reason", true), null, null, text(data, "explanation", false), text(data, "rejectedBy", false),
                event.id(), "idea.rejected");
        return cases.open(origin, caseInterval, startOf(event), context(event));
    }

    private Uni<?> concluded(IncomingEvent event, JsonNode data) {
        String outcome = text(data, "outcome", true);
        String recommendation = text(data, "recommendation", false);
        if (!REVISIT_OUTCOMES.contains(outcome) && !"REVISIT".equals(recommendation)) {
            return Uni.createFrom().voidItem();
        }
        Origin origin = new Origin(CaseSource.EXPERIMENT, uuid(data, "ideaId", true), uuid(data, "experimentId", true),
                text(data, "department", true), text(data, "title", false), text(data, "tool", false), null, null, outcome,
                recommendation, text(data, "summary", false), text(data, "concludedBy", false), event.id(), "experiment.concluded");
        return cases.open(origin, null, startOf(event), context(event));
    }

    private Uni<?> abandoned(IncomingEvent event, JsonNode data) {
        Origin origin = new Origin(CaseSource.EXPERIMENT, uuid(data, "ideaId", true), uuid(data, "experimentId", true),
                text(data, "department", true), text(data, "title", false), text(data, "tool", false), null, null, "ABANDONED",
                null, text(data, "reason", false), text(data, "abandonedBy", false), event.id(), "experiment.abandoned");
        return cases.open(origin, null, startOf(event), context(event));
    }

    private Instant startOf(IncomingEvent event) {
        return event.time() != null ? event.time() : clock.instant();
    }

    private CommandContext context(IncomingEvent event) {
        return new CommandContext(Actor.system("revisit-service"),
                event.correlationId() != null ? event.correlationId() : event.id().toString(), event.id().toString(),
                clock.instant());
    }
}

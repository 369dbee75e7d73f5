package ai.adoption.governance.messaging;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import static ai.adoption.eventsourcing.cloudevents.EventData.text;
import static ai.adoption.eventsourcing.cloudevents.EventData.uuid;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.governance.application.SystemService;
import ai.adoption.governance.application.ToolService;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.Lifecycle;
import ai.adoption.governance.domain.SystemCommand;

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What governance consumes from experiments-service ({@code experiments.idea}, {@code experiments.experiment}):
 * <ul>
 * <li>{@code experiment.started} registers the system as a PILOT in its department (tool, scope, data
 * classification, experiment lead; the accountable owner is the department's director in office on
 * the start date when governance knows one, otherwise none: a NO_OWNER gap);</li>
 * <li>{@code experiment.concluded} recommending SCALE moves it to SCALING; STOP or REVISIT, and
 * {@code experiment.abandoned}, retire it, but only while it is still the experiment's PILOT: a person's
 * lifecycle decision outranks an experiment's outcome;</li>
 * <li>{@code idea.submitted} and {@code idea.revised} are checked against the approved-tools list on the
 * day: a finding is raised when the tool is not approved or the data class is above the allowed ones. A
 * revision (which names no department: the one learned from the submission is used) resolves the idea's
 * open findings before it is checked afresh.</li>
 * </ul>
 * Each event is handled once ({@link IdempotentEvents}); unreadable data goes to the dead-letter topic.
 */
@Startup
@ApplicationScoped
public class ExperimentEventsConsumer {

    public static final String CONSUMER = "governance-register";
    public static final String EXPERIMENT_STARTED = "ai.adoption.experiment.started.v1";
    public static final String EXPERIMENT_CONCLUDED = "ai.adoption.experiment.concluded.v1";
    public static final String EXPERIMENT_ABANDONED = "ai.adoption.experiment.abandoned.v1";
    public static final String IDEA_SUBMITTED = "ai.adoption.idea.submitted.v1";
    public static final String IDEA_REVISED = "ai.adoption.idea.revised.v1";
    private static final Logger LOG = Logger.getLogger(ExperimentEventsConsumer.class);

    private final ConsumerChannel ideas;
    private final ConsumerChannel experiments;
    private final SystemService systems;
    private final ToolService tools;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    public ExperimentEventsConsumer(IdempotentEvents events, SystemService systems, ToolService tools, ObjectMapper json, Clock clock) {
        this.systems = systems;
        this.tools = tools;
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
                case EXPERIMENT_STARTED -> started(event, json.readTree(event.data()));
                case EXPERIMENT_CONCLUDED -> concluded(event, json.readTree(event.data()));
                case EXPERIMENT_ABANDONED -> outcome(event, json.readTree(event.data()), Lifecycle.RETIRED, "experiment abandoned");
                case IDEA_SUBMITTED -> idea(event, json.readTree(event.data()), true);
                case IDEA_REVISED -> idea(event, json.readTree(event.data()), false);
                default -> Uni.createFrom().voidItem();
            };
        } catch (java.io.IOException | RuntimeException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unreadable " + event.type() + " data: " + e.getMessage(), e));
        }
    }

    private Uni<?> started(IncomingEvent event, JsonNode data) {
        String classification = text(data, "dataClassification", false);
        DataClass dataClass;
        if (classification == null) {
            // published before experiment.started carried it: assume the most sensitive class until a compliance officer says otherwise
            LOG.warnf("experiment.started %s carries no dataClassification: registered as PERSONAL", event.id());
            dataClass = DataClass.PERSONAL;
        } else {
            dataClass = DataClass.valueOf(classification);
        }
        String startDate = text(data, "startDate", false);
        return systems.registerPilot(uuid(data, "experimentId", true), uuid(data, "ideaId", true), text(data, "department", true),
                text(data, "title", true), text(data, "tool", true), text(data, "scope", false), dataClass, text(data, "lead", false),
                startDate != null ? LocalDate.parse(startDate) : dateOf(event), context(event));
    }

    private Uni<?> concluded(IncomingEvent event, JsonNode data) {
        String recommendation = text(data, "recommendation", false);
        if ("SCALE".equals(recommendation)) {
            return outcome(event, data, Lifecycle.SCALING, "experiment concluded: SCALE");
        }
        return outcome(event, data, Lifecycle.RETIRED, "experiment concluded: " + (recommendation == null ? text(data, "outcome", false)
                : recommendation));
    }

    private Uni<?> outcome(IncomingEvent event, JsonNode data, Lifecycle to, String reason) {
        UUID experimentId = uuid(data, "experimentId", true);
        return systems.applyOutcome(experimentId, new SystemCommand.ApplyExperimentOutcome(to, reason, dateOf(event)), context(event))
                .invoke(applied -> {
                    if (!applied) {
                        LOG.warnf("%s %s: experiment %s has no system on the register", event.type(), event.id(), experimentId);
                    }
                });
    }

    /** idea.revised carries no department: the check takes the one governance learned from the idea's submission. */
    private Uni<?> idea(IncomingEvent event, JsonNode data, boolean submitted) {
        return tools.check(event.id(), uuid(data, "ideaId", true), submitted ? text(data, "department", true) : null,
                text(data, "aiTool", true),
                DataClass.valueOf(text(data, "dataClassification", true)), dateOf(event), context(event));
    }

    private LocalDate dateOf(IncomingEvent event) {
        Instant time = event.time() != null ? event.time() : clock.instant();
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    private CommandContext context(IncomingEvent event) {
        return new CommandContext(Actor.system("governance-service"),
                event.correlationId() != null ? event.correlationId() : event.id().toString(), event.id().toString(), clock.instant());
    }
}

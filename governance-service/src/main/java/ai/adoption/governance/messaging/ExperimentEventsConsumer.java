package ai.adoption.governance.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.ExperimentEvents;
import ai.adoption.contracts.IdeaEvents;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.Recommendation;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouter;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.governance.application.SystemService;
import ai.adoption.governance.application.ToolService;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.Lifecycle;
import ai.adoption.governance.domain.SystemCommand;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(ExperimentEventsConsumer.class);

    private final ConsumerChannel ideas;
    private final ConsumerChannel experiments;
    private final SystemService systems;
    private final ToolService tools;

    @Inject
    public ExperimentEventsConsumer(IdempotentEvents events, EventRouters routers, SystemService systems, ToolService tools) {
        this.systems = systems;
        this.tools = tools;
        EventRouter router = routers.router("governance-service", EventCatalogue::typeOf)
                .on(ExperimentEvents.StartedV1.class, this::started)
                .on(ExperimentEvents.ConcludedV1.class, this::concluded)
                .on(ExperimentEvents.AbandonedV1.class, this::abandoned)
                .on(IdeaEvents.SubmittedV1.class, this::submitted)
                .on(IdeaEvents.RevisedV1.class, this::revised)
                .build();
        this.ideas = events.channel("idea-events", CONSUMER, router);
        this.experiments = events.channel("experiment-events", CONSUMER, router);
    }

    @Incoming("idea-events")
    public Uni<Void> onIdea(ConsumerRecord<String, byte[]> record) {
        return ideas.on(record);
    }

    @Incoming("experiment-events")
    public Uni<Void> onExperiment(ConsumerRecord<String, byte[]> record) {
        return experiments.on(record);
    }

    private Uni<?> started(ExperimentEvents.StartedV1 started, ConsumedEvent event) {
        DataClass dataClass;
        if (started.dataClassification() == null) {
            // published before experiment.started carried it: assume the most sensitive class until a compliance officer says otherwise
            LOG.warnf("experiment.started %s carries no dataClassification: registered as PERSONAL", event.id());
            dataClass = DataClass.PERSONAL;
        } else {
            dataClass = dataClass(started.dataClassification());
        }
        return systems.registerPilot(started.experimentId(), started.ideaId(), started.department(), started.title(), started.tool(),
                started.scope(), dataClass, started.lead(), started.startDate() != null ? started.startDate() : event.happenedOn(),
                event.context());
    }

    private Uni<?> concluded(ExperimentEvents.ConcludedV1 concluded, ConsumedEvent event) {
        if (concluded.recommendation() == Recommendation.SCALE) {
            return outcome(concluded.experimentId(), event, Lifecycle.SCALING, "experiment concluded: SCALE");
        }
        return outcome(concluded.experimentId(), event, Lifecycle.RETIRED, "experiment concluded: "
                + (concluded.recommendation() == null ? concluded.outcome() : concluded.recommendation()));
    }

    private Uni<?> abandoned(ExperimentEvents.AbandonedV1 abandoned, ConsumedEvent event) {
        return outcome(abandoned.experimentId(), event, Lifecycle.RETIRED, "experiment abandoned");
    }

    private Uni<?> outcome(UUID experimentId, ConsumedEvent event, Lifecycle to, String reason) {
        return systems.applyOutcome(experimentId, new SystemCommand.ApplyExperimentOutcome(to, reason, event.happenedOn()),
                        event.context())
                .invoke(applied -> {
                    if (!applied) {
                        LOG.warnf("%s %s: experiment %s has no system on the register", event.type(), event.id(), experimentId);
                    }
                });
    }

    private Uni<?> submitted(IdeaEvents.SubmittedV1 idea, ConsumedEvent event) {
        return tools.check(event.id(), idea.ideaId(), idea.department(), idea.aiTool(), dataClass(idea.dataClassification()),
                event.happenedOn(), event.context());
    }

    /** idea.revised carries no department: the check takes the one governance learned from the idea's submission. */
    private Uni<?> revised(IdeaEvents.RevisedV1 idea, ConsumedEvent event) {
        return tools.check(event.id(), idea.ideaId(), null, idea.aiTool(), dataClass(idea.dataClassification()),
                event.happenedOn(), event.context());
    }

    private static DataClass dataClass(DataClassification classification) {
        return DataClass.valueOf(classification.name());
    }
}

package ai.adoption.revisit.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.ExperimentEvents;
import ai.adoption.contracts.IdeaEvents;
import ai.adoption.contracts.Vocabulary.Outcome;
import ai.adoption.contracts.Vocabulary.Recommendation;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouter;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.Interval;
import ai.adoption.revisit.domain.Origin;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Set;

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
    static final String SERVICE = "revisit-service";
    private static final Set<Outcome> REVISIT_OUTCOMES = Set.of(Outcome.FAILED, Outcome.INCONCLUSIVE);
    private static final Logger LOG = Logger.getLogger(ExperimentEventsConsumer.class);

    private final ConsumerChannel ideas;
    private final ConsumerChannel experiments;
    private final CaseService cases;

    @Inject
    public ExperimentEventsConsumer(IdempotentEvents events, EventRouters routers, CaseService cases) {
        this.cases = cases;
        EventRouter router = routers.router(SERVICE, EventCatalogue::typeOf)
                .on(IdeaEvents.RejectedV1.class, this::rejected)
                .on(ExperimentEvents.ConcludedV1.class, this::concluded)
                .on(ExperimentEvents.AbandonedV1.class, this::abandoned)
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

    private Uni<?> rejected(IdeaEvents.RejectedV1 rejected, ConsumedEvent event) {
        String caseInterval = rejected.revisitAfter();
        if (caseInterval != null && !Interval.isValid(caseInterval)) {
            LOG.warnf("idea.rejected %s carries revisitAfter %s outside PT1S..P5Y: the department or global interval applies",
                    event.id(), caseInterval);
            caseInterval = null;
        }
        Origin origin = new Origin(CaseSource.REJECTION, rejected.ideaId(), null, rejected.department(), rejected.title(),
                rejected.aiTool(), rejected.submitter(), rejected.reason().name(), null, null, rejected.explanation(),
                rejected.rejectedBy(), event.id(), "idea.rejected");
        return cases.open(origin, caseInterval, event.happenedAt(), event.context());
    }

    private Uni<?> concluded(ExperimentEvents.ConcludedV1 concluded, ConsumedEvent event) {
        if (!REVISIT_OUTCOMES.contains(concluded.outcome()) && concluded.recommendation() != Recommendation.REVISIT) {
            return Uni.createFrom().voidItem();
        }
        Origin origin = new Origin(CaseSource.EXPERIMENT, concluded.ideaId(), concluded.experimentId(), concluded.department(),
                concluded.title(), concluded.tool(), null, null, concluded.outcome().name(),
                concluded.recommendation() == null ? null : concluded.recommendation().name(), concluded.summary(),
                concluded.concludedBy(), event.id(), "experiment.concluded");
        return cases.open(origin, null, event.happenedAt(), event.context());
    }

    private Uni<?> abandoned(ExperimentEvents.AbandonedV1 abandoned, ConsumedEvent event) {
        Origin origin = new Origin(CaseSource.EXPERIMENT, abandoned.ideaId(), abandoned.experimentId(), abandoned.department(),
                abandoned.title(), abandoned.tool(), null, null, "ABANDONED", null, abandoned.reason(), abandoned.abandonedBy(),
                event.id(), "experiment.abandoned");
        return cases.open(origin, null, event.happenedAt(), event.context());
    }
}

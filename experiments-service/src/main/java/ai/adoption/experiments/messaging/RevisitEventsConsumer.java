package ai.adoption.experiments.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.RevisitEvents.ReopenedV1;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.experiments.application.IdeaService;
import ai.adoption.experiments.domain.IdeaCommand;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(RevisitEventsConsumer.class);

    private final ConsumerChannel revisits;
    private final IdeaService ideas;

    @Inject
    public RevisitEventsConsumer(IdempotentEvents events, EventRouters routers, IdeaService ideas) {
        this.ideas = ideas;
        this.revisits = events.channel("revisit-events", CONSUMER, routers.router(GovernanceFindingsConsumer.SERVICE,
                EventCatalogue::typeOf).on(ReopenedV1.class, this::reopened).build());
    }

    @Incoming("revisit-events")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return revisits.on(record);
    }

    private Uni<?> reopened(ReopenedV1 reopened, ConsumedEvent event) {
        IdeaCommand.ReopenIdea reopen = new IdeaCommand.ReopenIdea(event.context().actor(), reopened.caseId(), reopened.cycle(),
                reopened.notes(), reopened.evaluatedBy());
        return ideas.applyConsumed(reopened.ideaId(), reopen, event.context())
                .invoke(known -> {
                    if (!known) {
                        LOG.warnf("revisit.reopened %s names idea %s, which this service does not know", event.id(),
                                reopened.ideaId());
                    }
                })
                .onFailure(IllegalTransition.class).recoverWithItem(e -> {
                    LOG.infof("revisit.reopened %s: idea %s is not reopened: %s", event.id(), reopened.ideaId(), e.getMessage());
                    return null;
                });
    }
}

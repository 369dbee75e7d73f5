package ai.adoption.experiments.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.GovernanceEvents.FindingRaisedV1;
import ai.adoption.contracts.GovernanceEvents.FindingResolvedV1;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.experiments.application.IdeaService;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.FindingKind;
import ai.adoption.experiments.domain.IdeaCommand;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * What experiments-service consumes from governance-service's {@code governance.finding} topic: a
 * {@code finding.raised} (the idea's tool is not approved, its approval expired, or the idea's data
 * class is not allowed for it) is recorded on the idea ({@code idea.finding-recorded}, caused by the
 * finding event), whatever the idea's status, so that an approver sees it before deciding. The same
 * finding id is recorded once. An idea this service does not know is logged and skipped; data that
 * does not read into its contract record fails, and the record goes to the dead-letter topic. A
 * {@code finding.resolved} (the cause went away: the tool was approved for the idea's data class, or
 * the idea was revised) is shown on the idea ({@code idea.finding-resolved}), once; a finding the
 * idea never recorded is skipped. Every other type on the topic is ignored.
 */
@Startup
@ApplicationScoped
public class GovernanceFindingsConsumer {

    public static final String CONSUMER = "experiments-findings";
    static final String SERVICE = "experiments-service";
    private static final Logger LOG = Logger.getLogger(GovernanceFindingsConsumer.class);

    private final ConsumerChannel findings;
    private final IdeaService ideas;

    @Inject
    public GovernanceFindingsConsumer(IdempotentEvents events, EventRouters routers, IdeaService ideas) {
        this.ideas = ideas;
        this.findings = events.channel("finding-events", CONSUMER, routers.router(SERVICE, EventCatalogue::typeOf)
                .on(FindingRaisedV1.class, this::raised)
                .on(FindingResolvedV1.class, this::resolved)
                .build());
    }

    @Incoming("finding-events")
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return findings.on(record);
    }

    private Uni<?> raised(FindingRaisedV1 finding, ConsumedEvent event) {
        return ideas.applyConsumed(finding.ideaId(), recordFinding(finding, event.context().actor()), event.context())
                .invoke(known -> unknownIdea(known, event, finding.findingId(), finding.ideaId()));
    }

    private Uni<?> resolved(FindingResolvedV1 finding, ConsumedEvent event) {
        IdeaCommand.ResolveFinding resolve = new IdeaCommand.ResolveFinding(event.context().actor(), finding.findingId(),
                finding.reason());
        return ideas.applyConsumed(finding.ideaId(), resolve, event.context())
                .invoke(known -> unknownIdea(known, event, finding.findingId(), finding.ideaId()));
    }

    /** A {@code finding.raised} as the command that records it on its idea. */
    static IdeaCommand.RecordFinding recordFinding(FindingRaisedV1 finding, Actor actor) {
        return new IdeaCommand.RecordFinding(actor, finding.findingId(), FindingKind.valueOf(finding.kind().name()), finding.tool(),
                finding.dataClassification() == null ? null : DataClassification.valueOf(finding.dataClassification().name()),
                finding.allowedDataClasses().stream().map(c -> DataClassification.valueOf(c.name())).toList(), finding.message());
    }

    private static void unknownIdea(boolean known, ConsumedEvent event, UUID findingId, UUID ideaId) {
        if (!known) {
            LOG.warnf("%s %s (finding %s) names idea %s, which this service does not know", event.type(), event.id(), findingId,
                    ideaId);
        }
    }
}

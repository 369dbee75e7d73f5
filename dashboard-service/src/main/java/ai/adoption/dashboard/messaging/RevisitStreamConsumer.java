package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.RevisitEvents;
import ai.adoption.dashboard.application.DashboardWriter;
import ai.adoption.dashboard.application.Facts;
import ai.adoption.dashboard.application.Sql;
import ai.adoption.dashboard.domain.Transition;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.ConsumerChannel;
import ai.adoption.eventsourcing.consumer.EventRouters;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

import static ai.adoption.dashboard.messaging.Feeds.entry;
import static ai.adoption.dashboard.messaging.Feeds.in;
import static ai.adoption.dashboard.messaging.Feeds.quoted;

/**
 * revisit-service's topics ({@code revisit.case}, {@code revisit.policy}): the revisit list (due,
 * overdue) as the case events tell it; {@code revisit.due} counts in the funnel. The funnel's
 * "reopened" comes from {@code idea.reopened}, so {@code revisit.reopened} only closes the case here.
 */
@Startup
@ApplicationScoped
public class RevisitStreamConsumer {

    private final DashboardWriter writer;
    private final ConsumerChannel cases;
    private final ConsumerChannel policies;

    @Inject
    public RevisitStreamConsumer(IdempotentEvents events, EventRouters routers, DashboardWriter writer) {
        this.writer = writer;
        this.cases = events.channel("case-events", IdeaStreamConsumer.CONSUMER, routers.router(Feeds.SERVICE, EventCatalogue::typeOf)
                .on(RevisitEvents.OpenedV1.class, this::opened)
                .on(RevisitEvents.DueV1.class, this::due)
                .on(RevisitEvents.RescheduledV1.class, this::rescheduled)
                .on(RevisitEvents.IntervalSetV1.class, this::intervalSet)
                .on(RevisitEvents.BroughtForwardV1.class, this::broughtForward)
                .on(RevisitEvents.StillNotFeasibleV1.class, this::stillNotFeasible)
                .on(RevisitEvents.ReopenedV1.class, this::reopened)
                .on(RevisitEvents.DroppedV1.class, this::dropped)
                .build());
        this.policies = events.channel("policy-events", IdeaStreamConsumer.CONSUMER, routers.router(Feeds.SERVICE, EventCatalogue::typeOf)
                .on(RevisitEvents.PolicyIntervalSetV1.class, this::policySet)
                .on(RevisitEvents.PolicyIntervalClearedV1.class, this::policyCleared)
                .build());
    }

    @Incoming("case-events")
    public Uni<Void> onCase(ConsumerRecord<String, byte[]> record) {
        return cases.on(record);
    }

    @Incoming("policy-events")
    public Uni<Void> onPolicy(ConsumerRecord<String, byte[]> record) {
        return policies.on(record);
    }

    private Uni<?> opened(RevisitEvents.OpenedV1 e, ConsumedEvent event) {
        RevisitEvents.Origin o = e.origin();
        List<Sql> effects = new ArrayList<>();
        effects.add(Facts.subject(e.caseId(), "revisit-case", o.department(), o.title()));
        if (o.department() != null) {
            effects.add(Facts.departmentSeen(o.department()));
        }
        effects.add(Facts.revisitOpened(e.caseId(), o.ideaId(), o.department(), o.title(), o.tool(), e.dueAt(), event.happenedAt()));
        return writer.record(entry(event, o.department(), e.caseId(), o.title(),
                        "On the revisit list: " + quoted(o.title(), "a use case") + in(o.department())
                                + (e.dueAt() == null ? "" : ", due " + e.dueAt())), effects);
    }

    private Uni<?> due(RevisitEvents.DueV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.caseId(), e.title(),
                        "Revisit due: " + quoted(e.title(), "a use case") + in(e.department()) + " (cycle " + e.cycle() + ")"),
                List.of(Facts.revisitChanged(e.caseId(), "DUE", e.cycle(), e.dueAt(), event.happenedAt()),
                        Facts.transition(Transition.REVISIT_DUE, e.department(), e.caseId(), event.happenedAt())));
    }

    private Uni<?> rescheduled(RevisitEvents.RescheduledV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.caseId(), null, "Revisit rescheduled to " + e.dueAt()),
                List.of(Facts.revisitChanged(e.caseId(), null, e.cycle(), e.dueAt(), event.happenedAt())));
    }

    private Uni<?> intervalSet(RevisitEvents.IntervalSetV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.caseId(), null, "Revisit interval set to " + e.interval()),
                List.of(Facts.revisitChanged(e.caseId(), null, e.cycle(), e.dueAt(), event.happenedAt())));
    }

    private Uni<?> broughtForward(RevisitEvents.BroughtForwardV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.caseId(), null,
                        "Revisit brought forward" + (e.why() == null ? "" : ": " + e.why())),
                List.of(Facts.revisitChanged(e.caseId(), null, e.cycle(), e.dueAt(), event.happenedAt())));
    }

    private Uni<?> stillNotFeasible(RevisitEvents.StillNotFeasibleV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.caseId(), null, "Re-evaluated: still not feasible, next look " + e.nextDueAt()),
                List.of(Facts.revisitChanged(e.caseId(), "SCHEDULED", e.nextCycle(), e.nextDueAt(), event.happenedAt())));
    }

    private Uni<?> reopened(RevisitEvents.ReopenedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.caseId(), e.title(),
                        "Re-evaluated: " + quoted(e.title(), "the use case") + " is feasible now and reopened"),
                List.of(Facts.revisitChanged(e.caseId(), "CLOSED", null, null, event.happenedAt())));
    }

    private Uni<?> dropped(RevisitEvents.DroppedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.caseId(), null, "Dropped from the revisit list"),
                List.of(Facts.revisitChanged(e.caseId(), "CLOSED", null, null, event.happenedAt())));
    }

    private Uni<?> policySet(RevisitEvents.PolicyIntervalSetV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.department(), null,
                "Revisit interval of " + e.department() + " set to " + e.interval()), List.of(Facts.departmentSeen(e.department())));
    }

    private Uni<?> policyCleared(RevisitEvents.PolicyIntervalClearedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.department(), null,
                "Revisit interval of " + e.department() + " back to the global default"), List.of(Facts.departmentSeen(e.department())));
    }
}

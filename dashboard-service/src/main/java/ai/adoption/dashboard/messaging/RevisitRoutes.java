package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.RevisitEvents;
import ai.adoption.dashboard.application.DashboardWriter;
import ai.adoption.dashboard.application.Facts;
import ai.adoption.dashboard.application.Sql;
import ai.adoption.dashboard.domain.Transition;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.EventRouter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
@ApplicationScoped
public class RevisitRoutes {

    private final DashboardWriter writer;

    @Inject
    public RevisitRoutes(DashboardWriter writer) {
        this.writer = writer;
    }

    /** Adds this stream's event types to the dashboard's one router. */
    void addTo(EventRouter.Builder router) {
        router
                .on(RevisitEvents.OpenedV1.class, this::opened)
                .on(RevisitEvents.DueV1.class, this::due)
                .on(RevisitEvents.RescheduledV1.class, this::rescheduled)
                .on(RevisitEvents.IntervalSetV1.class, this::intervalSet)
                .on(RevisitEvents.BroughtForwardV1.class, this::broughtForward)
                .on(RevisitEvents.StillNotFeasibleV1.class, this::stillNotFeasible)
                .on(RevisitEvents.ReopenedV1.class, this::reopened)
                .on(RevisitEvents.DroppedV1.class, this::dropped)
                .on(RevisitEvents.PolicyIntervalSetV1.class, this::policySet)
                .on(RevisitEvents.PolicyIntervalClearedV1.class, this::policyCleared);
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

package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.ExperimentEvents;
import ai.adoption.contracts.IdeaEvents;
import ai.adoption.dashboard.application.DashboardWriter;
import ai.adoption.dashboard.application.Facts;
import ai.adoption.dashboard.domain.Transition;
import ai.adoption.eventsourcing.consumer.ConsumedEvent;
import ai.adoption.eventsourcing.consumer.EventRouter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

import static ai.adoption.dashboard.messaging.Feeds.entry;
import static ai.adoption.dashboard.messaging.Feeds.in;
import static ai.adoption.dashboard.messaging.Feeds.quoted;

/**
 * experiments-service's topics ({@code experiments.idea}, {@code experiments.experiment}): every type
 * becomes a feed item; submissions, decisions, reopenings and experiments also move the funnel and
 * the per-idea stage times.
 */
@ApplicationScoped
public class IdeaRoutes {

    private final DashboardWriter writer;

    @Inject
    public IdeaRoutes(DashboardWriter writer) {
        this.writer = writer;
    }

    /** Adds this stream's event types to the dashboard's one router. */
    void addTo(EventRouter.Builder router) {
        router
                .on(IdeaEvents.SubmittedV1.class, this::submitted)
                .on(IdeaEvents.RevisedV1.class, this::revised)
                .on(IdeaEvents.WithdrawnV1.class, this::withdrawn)
                .on(IdeaEvents.ApprovedV1.class, this::approved)
                .on(IdeaEvents.RejectedV1.class, this::rejected)
                .on(IdeaEvents.ReopenedV1.class, this::reopened)
                .on(IdeaEvents.FindingRecordedV1.class, this::findingRecorded)
                .on(IdeaEvents.FindingResolvedV1.class, this::findingResolved)
                .on(IdeaEvents.ExperimentStartedV1.class, this::ideaExperimentStarted)
                .on(IdeaEvents.ExperimentEndedV1.class, this::ideaExperimentEnded)
                .on(ExperimentEvents.StartedV1.class, this::experimentStarted)
                .on(ExperimentEvents.LearningRecordedV1.class, this::learningRecorded)
                .on(ExperimentEvents.ConcludedV1.class, this::concluded)
                .on(ExperimentEvents.AbandonedV1.class, this::abandoned);
    }

    private Uni<?> submitted(IdeaEvents.SubmittedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.ideaId(), e.title(),
                        "Idea " + quoted(e.title(), "(untitled)") + " submitted" + in(e.department()) + " (tool " + e.aiTool() + ")"),
                List.of(Facts.subject(e.ideaId(), "idea", e.department(), e.title()), Facts.departmentSeen(e.department()),
                        Facts.ideaSubmitted(e.ideaId(), e.department(), e.title(), event.happenedAt()),
                        Facts.transition(Transition.SUBMITTED, e.department(), e.ideaId(), event.happenedAt())));
    }

    private Uni<?> revised(IdeaEvents.RevisedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.ideaId(), e.title(), "Idea " + quoted(e.title(), "(untitled)") + " revised"),
                List.of(Facts.subject(e.ideaId(), "idea", null, e.title()), Facts.ideaRetitled(e.ideaId(), e.title())));
    }

    private Uni<?> withdrawn(IdeaEvents.WithdrawnV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.ideaId(), null, "Idea withdrawn by its submitter"),
                List.of(Facts.ideaWithdrawn(e.ideaId())));
    }

    private Uni<?> approved(IdeaEvents.ApprovedV1 e, ConsumedEvent event) {
        String funding = e.funding() != null && e.funding().businessUnitCommitted() ? ", business unit committed" : "";
        return writer.record(entry(event, e.department(), e.ideaId(), null, "Idea approved" + in(e.department()) + funding),
                List.of(Facts.ideaDecided(e.ideaId(), true, event.happenedAt()),
                        Facts.transition(Transition.APPROVED, e.department(), e.ideaId(), event.happenedAt())));
    }

    private Uni<?> rejected(IdeaEvents.RejectedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.ideaId(), e.title(),
                        "Idea " + quoted(e.title(), "(untitled)") + " rejected" + in(e.department()) + ": " + e.reason()),
                List.of(Facts.subject(e.ideaId(), "idea", e.department(), e.title()), Facts.departmentSeen(e.department()),
                        Facts.ideaDecided(e.ideaId(), false, event.happenedAt()),
                        Facts.transition(Transition.REJECTED, e.department(), e.ideaId(), event.happenedAt())));
    }

    private Uni<?> reopened(IdeaEvents.ReopenedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.ideaId(), null,
                        "Idea reopened for another look (cycle " + e.cycle() + ", was " + e.previousStatus() + ")"),
                List.of(Facts.ideaReopened(e.ideaId(), event.happenedAt()),
                        Facts.transition(Transition.REOPENED, e.department(), e.ideaId(), event.happenedAt())));
    }

    private Uni<?> findingRecorded(IdeaEvents.FindingRecordedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.ideaId(), null, "Governance finding " + e.kind() + " recorded on the idea"),
                List.of());
    }

    private Uni<?> findingResolved(IdeaEvents.FindingResolvedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.ideaId(), null, "Governance finding on the idea resolved"), List.of());
    }

    private Uni<?> ideaExperimentStarted(IdeaEvents.ExperimentStartedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.ideaId(), null, "The idea's experiment started"), List.of());
    }

    private Uni<?> ideaExperimentEnded(IdeaEvents.ExperimentEndedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.ideaId(), null, "The idea's experiment ended: " + e.result()), List.of());
    }

    private Uni<?> experimentStarted(ExperimentEvents.StartedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.experimentId(), e.title(),
                        "Experiment " + quoted(e.title(), "(untitled)") + " started" + in(e.department()) + " with " + e.tool()),
                List.of(Facts.subject(e.experimentId(), "experiment", e.department(), e.title()),
                        Facts.departmentSeen(e.department()), Facts.experimentStarted(e.ideaId(), event.happenedAt()),
                        Facts.transition(Transition.EXPERIMENT_STARTED, e.department(), e.ideaId(), event.happenedAt())));
    }

    private Uni<?> learningRecorded(ExperimentEvents.LearningRecordedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.experimentId(), null,
                "Learning recorded" + (e.category() == null ? "" : " (" + e.category() + ")")), List.of());
    }

    private Uni<?> concluded(ExperimentEvents.ConcludedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.experimentId(), e.title(),
                        "Experiment " + quoted(e.title(), "(untitled)") + " concluded: " + e.outcome()
                                + (e.recommendation() == null ? "" : ", recommends " + e.recommendation())),
                List.of(Facts.subject(e.experimentId(), "experiment", e.department(), e.title()),
                        Facts.experimentConcluded(e.ideaId(), event.happenedAt()),
                        Facts.transition(Transition.CONCLUDED, e.department(), e.ideaId(), event.happenedAt())));
    }

    private Uni<?> abandoned(ExperimentEvents.AbandonedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.experimentId(), e.title(),
                        "Experiment " + quoted(e.title(), "(untitled)") + " abandoned"),
                List.of(Facts.subject(e.experimentId(), "experiment", e.department(), e.title())));
    }
}

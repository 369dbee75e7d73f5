package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.domain.IdeaEvent;
import ai.adoption.experiments.domain.IdeaStatus;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** The {@code idea_view} read model: one row per idea, as lists and the funnel need it. */
@ApplicationScoped
public class IdeaProjection implements Projection {

    static final String TABLE = "idea_view";

    @Override
    public String name() {
        return "ideas";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.IDEA);
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    /** A rebuild's chunk: the rows its events change, in one query, instead of one read per event. */
    @Override
    public Uni<Void> prefetch(List<? extends RecordedEvent<?>> events) {
        List<UUID> changed = events.stream().filter(e -> !(e.payload() instanceof IdeaEvent.IdeaSubmitted))
                .map(e -> UUID.fromString(e.streamId())).distinct().toList();
        return changed.isEmpty() ? Uni.createFrom().voidItem() : IdeaRow.list("id in ?1", changed).replaceWithVoid();
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof IdeaEvent.IdeaSubmitted e) {
            IdeaRow row = new IdeaRow();
            row.id = e.ideaId();
            row.status = IdeaStatus.SUBMITTED;
            row.title = e.title();
            row.problem = e.problem();
            row.aiTool = e.aiTool();
            row.dataClassification = e.dataClassification();
            row.benefitCategory = e.benefitCategory();
            row.department = e.department();
            row.submitter = e.submitter();
            row.submittedAt = recorded.occurredAt();
            row.findings = List.of();
            stamp(row, recorded);
            return row.persist().replaceWithVoid();
        }
        if (event instanceof IdeaEvent.IdeaRevised e) {
            return update(recorded, row -> {
                row.title = e.title();
                row.problem = e.problem();
                row.aiTool = e.aiTool();
                row.dataClassification = e.dataClassification();
                row.benefitCategory = e.benefitCategory();
            });
        }
        if (event instanceof IdeaEvent.IdeaWithdrawn e) {
            return update(recorded, row -> {
                row.status = IdeaStatus.WITHDRAWN;
                row.withdrawalReason = e.reason();
            });
        }
        if (event instanceof IdeaEvent.IdeaApproved e) {
            return update(recorded, row -> {
                row.status = IdeaStatus.APPROVED;
                row.decision = "APPROVED";
                row.decidedAt = recorded.occurredAt();
                row.decidedBy = e.approvedBy();
                row.funding = e.funding();
                row.decisionComment = e.comment();
            });
        }
        if (event instanceof IdeaEvent.IdeaRejected e) {
            return update(recorded, row -> {
                row.status = IdeaStatus.REJECTED;
                row.decision = "REJECTED";
                row.decidedAt = recorded.occurredAt();
                row.decidedBy = e.rejectedBy();
                row.rejectionReason = e.reason();
                row.decisionComment = e.explanation();
                row.revisitAfter = e.revisitAfter();
            });
        }
        if (event instanceof IdeaEvent.IdeaReopened e) {
            return update(recorded, row -> {
                // the last decision stays readable; the idea waits for a fresh one
                row.status = IdeaStatus.SUBMITTED;
                row.reopenedAt = recorded.occurredAt();
                row.reopenCount++;
                row.revisitCaseId = e.revisitCaseId();
            });
        }
        if (event instanceof IdeaEvent.IdeaFindingRecorded e) {
            return update(recorded, row -> {
                // a new list, so that the change is seen; the idea's status and decision stay as they are
                List<Views.FindingView> findings = new ArrayList<>(row.findings == null ? List.of() : row.findings);
                // microseconds, as the event store keeps occurred_at: a rebuild writes the same JSON as the live append
                findings.add(new Views.FindingView(e.findingId(), e.kind(), e.tool(), e.dataClassification(),
                        e.allowedDataClasses(), e.message(), recorded.occurredAt().truncatedTo(ChronoUnit.MICROS), null, null));
                row.findings = findings;
            });
        }
        if (event instanceof IdeaEvent.IdeaFindingResolved e) {
            return update(recorded, row -> {
                List<Views.FindingView> findings = new ArrayList<>();
                for (Views.FindingView f : row.findings == null ? List.<Views.FindingView>of() : row.findings) {
                    findings.add(!f.findingId().equals(e.findingId()) ? f : new Views.FindingView(f.findingId(), f.kind(), f.tool(),
                            f.dataClassification(), f.allowedDataClasses(), f.message(), f.recordedAt(),
                            recorded.occurredAt().truncatedTo(ChronoUnit.MICROS), e.reason()));
                }
                row.findings = findings;
            });
        }
        if (event instanceof IdeaEvent.IdeaExperimentStarted e) {
            return update(recorded, row -> {
                row.status = IdeaStatus.IN_EXPERIMENT;
                row.runningExperimentId = e.experimentId();
                row.experimentCount++;
            });
        }
        if (event instanceof IdeaEvent.IdeaExperimentEnded) {
            return update(recorded, row -> {
                row.status = IdeaStatus.APPROVED;
                row.runningExperimentId = null;
            });
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> update(RecordedEvent<?> recorded, Consumer<IdeaRow> change) {
        return ReadModelRows.update(IdeaRow.<IdeaRow>findById(UUID.fromString(recorded.streamId())), TABLE, recorded,
                change.andThen(row -> stamp(row, recorded)));
    }

    private static void stamp(IdeaRow row, RecordedEvent<?> recorded) {
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.occurredAt();
    }
}

package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.revisit.domain.CaseEvent;
import ai.adoption.revisit.domain.CaseStatus;
import ai.adoption.revisit.domain.Closure;
import ai.adoption.revisit.domain.IntervalSource;
import ai.adoption.revisit.domain.Origin;
import ai.adoption.revisit.domain.ToolName;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The {@code revisit_case} read model: one row per case, as the list, the scheduler and the
 * department counts need it. The scheduler writes its {@code revisit.due} batches with one
 * statement that makes exactly the change {@link #apply} makes for a {@code CaseDue}
 * ({@code scheduler.DueClaims}), so a rebuild yields the same rows.
 */
@ApplicationScoped
public class CaseProjection implements Projection {

    static final String TABLE = "revisit_case";

    @Override
    public String name() {
        return "cases";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.CASE);
    }

    @Override
    public List<String> tables() {
        return List.of(TABLE);
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof CaseEvent.CaseOpened e) {
            Origin o = e.origin();
            CaseRow row = new CaseRow();
            row.id = e.caseId();
            row.status = CaseStatus.SCHEDULED;
            row.cycle = 1;
            row.cycleStartedAt = e.openedAt();
            row.dueAt = e.dueAt();
            row.source = o.source();
            row.ideaId = o.ideaId();
            row.experimentId = o.experimentId();
            row.department = o.department();
            row.title = o.title();
            row.tool = o.tool();
            row.toolKey = ToolName.key(o.tool());
            row.submitter = o.submitter();
            row.rejectionReason = o.rejectionReason();
            row.outcome = o.outcome();
            row.recommendation = o.recommendation();
            row.explanation = o.explanation();
            row.decidedBy = o.decidedBy();
            row.caseInterval = e.caseInterval();
            row.interval = e.interval();
            row.intervalSource = e.intervalSource();
            row.openedAt = recorded.occurredAt();
            row.sourceEventId = o.sourceEventId();
            row.sourceEventType = o.sourceEventType();
            stamp(row, recorded);
            return row.persist().replaceWithVoid();
        }
        if (event instanceof CaseEvent.CaseDue e) {
            return update(recorded, row -> {
                row.status = CaseStatus.DUE;
                row.dueSince = e.firedAt();
                row.lastFiredCycle = e.cycle();
            });
        }
        if (event instanceof CaseEvent.CaseRescheduled e) {
            return update(recorded, row -> {
                row.dueAt = e.dueAt();
                row.interval = e.interval();
                row.intervalSource = e.intervalSource();
            });
        }
        if (event instanceof CaseEvent.CaseIntervalSet e) {
            return update(recorded, row -> {
                row.caseInterval = e.interval();
                if (e.dueAt() != null) {
                    row.dueAt = e.dueAt();
                    row.interval = e.interval();
                    row.intervalSource = IntervalSource.CASE;
                }
            });
        }
        if (event instanceof CaseEvent.CaseBroughtForward e) {
            return update(recorded, row -> row.dueAt = e.dueAt());
        }
        if (event instanceof CaseEvent.CaseStillNotFeasible e) {
            return update(recorded, row -> {
                row.status = CaseStatus.SCHEDULED;
                row.cycle = e.nextCycle();
                row.cycleStartedAt = e.evaluatedAt();
                row.dueAt = e.nextDueAt();
                row.dueSince = null;
                row.interval = e.interval();
                row.intervalSource = e.intervalSource();
                if (e.intervalSource() == IntervalSource.CASE) {
                    row.caseInterval = e.interval();
                }
                row.evaluations++;
            });
        }
        if (event instanceof CaseEvent.CaseReopened e) {
            return update(recorded, row -> close(row, recorded, Closure.REOPENED, e.notes()));
        }
        if (event instanceof CaseEvent.CaseDropped e) {
            return update(recorded, row -> close(row, recorded, Closure.DROPPED, e.reason()));
        }
        return Uni.createFrom().voidItem();
    }

    private static void close(CaseRow row, RecordedEvent<?> recorded, Closure closure, String note) {
        row.status = CaseStatus.CLOSED;
        row.closure = closure;
        row.closureNote = note;
        row.closedAt = recorded.occurredAt();
        row.evaluations++;
    }

    private static Uni<Void> update(RecordedEvent<?> recorded, Consumer<CaseRow> change) {
        return ReadModelRows.update(CaseRow.<CaseRow>findById(UUID.fromString(recorded.streamId())), TABLE, recorded,
                change.andThen(row -> stamp(row, recorded)));
    }

    private static void stamp(CaseRow row, RecordedEvent<?> recorded) {
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.occurredAt();
    }
}

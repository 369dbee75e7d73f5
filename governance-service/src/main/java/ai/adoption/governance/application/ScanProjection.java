package ai.adoption.governance.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.governance.domain.ScanDimension;
import ai.adoption.governance.domain.ScanEvent;
import ai.adoption.governance.domain.ScanLevel;
import ai.adoption.governance.domain.ScanTargetEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The AI-scan's read models (V120): each scan, every answer and revision as its own row, every setting of a department's
 * targets. Reads pick the facts known at a knowledge point by joining gov_knowledge on the event id.
 */
@ApplicationScoped
public class ScanProjection implements Projection {

    @Override
    public String name() {
        return "ai-scan";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.SCAN, Aggregates.SCAN_TARGET);
    }

    @Override
    public List<String> tables() {
        return List.of("gov_scan_answer", "gov_scan_target", "gov_scan");
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof ScanEvent.ScanOpened e) {
            return Sql.insert("gov_scan", "scan_id", e.scanId(), "department", e.department(), "label", e.label(),
                    "period_from", e.periodFrom(), "period_to", e.periodTo(), "opened_event_id", recorded.eventId(),
                    "opened_at", recorded.recordedAt(), "version", recorded.streamVersion());
        }
        if (event instanceof ScanEvent.ScanAnswered e) {
            return answer(recorded, e.scanId(), e.respondent(), e.levels());
        }
        if (event instanceof ScanEvent.AnswerRevised e) {
            return answer(recorded, e.scanId(), e.respondent(), e.levels());
        }
        if (event instanceof ScanEvent.ScanClosed e) {
            return Sql.update("update gov_scan set closed_on = ?1, closed_event_id = ?2, version = ?3 where scan_id = ?4",
                    e.closedOn(), recorded.eventId(), recorded.streamVersion(), e.scanId()).replaceWithVoid();
        }
        if (event instanceof ScanTargetEvent.TargetsSet e) {
            return Sql.insert("gov_scan_target", "event_id", recorded.eventId(), "department", e.department(),
                    "data", level(e.targets(), ScanDimension.DATA), "technology", level(e.targets(), ScanDimension.TECHNOLOGY),
                    "customer_focus", level(e.targets(), ScanDimension.CUSTOMER_FOCUS),
                    "ai_literacy", level(e.targets(), ScanDimension.AI_LITERACY), "reason", e.reason(), "recorded_at", recorded.recordedAt());
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> answer(RecordedEvent<?> recorded, UUID scanId, String respondent, List<ScanLevel> levels) {
        return Sql.update("update gov_scan set version = ?1 where scan_id = ?2", recorded.streamVersion(), scanId)
                .chain(() -> Sql.insert("gov_scan_answer", "event_id", recorded.eventId(), "scan_id", scanId, "respondent", respondent,
                        "data", level(levels, ScanDimension.DATA), "technology", level(levels, ScanDimension.TECHNOLOGY),
                        "customer_focus", level(levels, ScanDimension.CUSTOMER_FOCUS), "ai_literacy", level(levels, ScanDimension.AI_LITERACY),
                        "recorded_at", recorded.recordedAt()));
    }

    private static Short level(List<ScanLevel> levels, ScanDimension dimension) {
        return levels.stream().filter(l -> l.dimension() == dimension).map(l -> (short) l.level()).findFirst().orElse(null);
    }
}

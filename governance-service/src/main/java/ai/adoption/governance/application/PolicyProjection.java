package ai.adoption.governance.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.governance.domain.ApprovedTool;
import ai.adoption.governance.domain.FindingEvent;
import ai.adoption.governance.domain.ToolEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The approved-tools list (latest terms, and every approval term for "as of a date") and the findings on ideas. */
@ApplicationScoped
public class PolicyProjection implements Projection {

    @Override
    public String name() {
        return "tool-policy";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.TOOL, Aggregates.FINDING);
    }

    @Override
    public List<String> tables() {
        return List.of("gov_tool_revocation", "gov_tool_term", "gov_tool", "gov_finding");
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof ToolEvent.ToolApproved e) {
            return ToolRow.<ToolRow>findById(e.toolId()).chain(found -> {
                ToolRow row = found != null ? found : new ToolRow();
                row.id = e.toolId();
                row.tool = e.tool();
                row.toolKey = ApprovedTool.key(e.tool());
                row.vendor = e.vendor();
                row.allowed = e.allowedDataClasses();
                row.validFrom = e.validFrom();
                row.validUntil = e.validUntil();
                row.revokedOn = null;
                row.note = e.note();
                row.version = recorded.streamVersion();
                row.updatedAt = recorded.recordedAt();
                return (found != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid())
                        .chain(() -> Sql.insert("gov_tool_term", "event_id", recorded.eventId(), "tool_id", e.toolId(),
                                "tool_key", row.toolKey, "allowed", e.allowedDataClasses(), "valid_from", e.validFrom(),
                                "valid_until", e.validUntil(), "recorded_at", recorded.recordedAt()));
            });
        }
        if (event instanceof ToolEvent.ToolApprovalRevoked e) {
            return ReadModelRows.update(ToolRow.<ToolRow>findById(e.toolId()), "gov_tool", recorded, row -> {
                        row.revokedOn = e.revokedOn();
                        row.version = recorded.streamVersion();
                        row.updatedAt = recorded.recordedAt();
                    })
                    .chain(() -> Sql.update("update gov_tool_term set revoked_on = ?1 where tool_id = ?2 and revoked_on is null",
                            e.revokedOn(), e.toolId()))
                    // the revocation as a fact of its own, for reads as known at a point (V102)
                    .chain(() -> Sql.insert("gov_tool_revocation", "event_id", recorded.eventId(), "tool_id", e.toolId(),
                            "revoked_on", e.revokedOn()));
        }
        if (event instanceof FindingEvent.FindingRaised e) {
            return Sql.insert("gov_finding", "finding_id", e.findingId(), "idea_id", e.ideaId(), "department", e.department(),
                    "tool", e.tool(), "data_class", e.dataClassification(), "kind", e.kind(), "allowed", e.allowedDataClasses(),
                    "message", e.message(), "raised_at", recorded.recordedAt(), "event_id", recorded.eventId());
        }
        if (event instanceof FindingEvent.FindingResolved e) {
            return Sql.update("update gov_finding set resolved_at = ?1, resolution = ?2, resolved_event_id = ?4 where finding_id = ?3",
                    recorded.recordedAt(), e.reason(), e.findingId(), recorded.eventId()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}

package ai.adoption.dashboard.messaging;

import ai.adoption.contracts.GovernanceEvents;
import ai.adoption.contracts.Vocabulary.Lifecycle;
import ai.adoption.dashboard.application.DashboardWriter;
import ai.adoption.dashboard.application.Facts;
import ai.adoption.dashboard.application.Sql;
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
 * governance-service's topics: the AI-system register (gaps by article, owners for the AI-literacy
 * coverage, "scaled" in the funnel), departments (their names), persons (training only:
 * {@code person.named} carries nothing but a name, personal data the dashboard does not keep, so it is
 * not routed), tools and findings. Persons appear in the feed by id, never by name.
 */
@ApplicationScoped
public class GovernanceRoutes {

    private final DashboardWriter writer;

    @Inject
    public GovernanceRoutes(DashboardWriter writer) {
        this.writer = writer;
    }

    /** Adds this stream's event types to the dashboard's one router. */
    void addTo(EventRouter.Builder router) {
        router
                .on(GovernanceEvents.SystemRegisteredV1.class, this::registered)
                .on(GovernanceEvents.LifecycleChangedV1.class, this::lifecycle)
                .on(GovernanceEvents.ClassifiedV1.class, this::classified)
                .on(GovernanceEvents.ObligationsRecordedV1.class, this::obligations)
                .on(GovernanceEvents.IncidentRecordedV1.class, this::incident)
                .on(GovernanceEvents.IncidentNotifiedV1.class, this::incidentNotified)
                .on(GovernanceEvents.OwnershipTransferredV1.class, this::transferred)
                .on(GovernanceEvents.OwnershipCorrectedV1.class, this::corrected)
                .on(GovernanceEvents.DepartmentEstablishedV1.class, this::established)
                .on(GovernanceEvents.DepartmentChangedV1.class, this::departmentChanged)
                .on(GovernanceEvents.TrainingRecordedV1.class, this::training)
                .on(GovernanceEvents.ToolApprovedV1.class, this::toolApproved)
                .on(GovernanceEvents.ToolApprovalRevokedV1.class, this::toolRevoked)
                .on(GovernanceEvents.FindingRaisedV1.class, this::findingRaised)
                .on(GovernanceEvents.FindingResolvedV1.class, this::findingResolved);
    }

    private Uni<?> registered(GovernanceEvents.SystemRegisteredV1 e, ConsumedEvent event) {
        List<Sql> effects = new ArrayList<>();
        effects.add(Facts.subject(e.systemId(), "ai-system", e.department(), e.name()));
        if (e.department() != null) {
            effects.add(Facts.departmentSeen(e.department()));
        }
        effects.add(Facts.systemRegistered(e.systemId(), e.name(), e.department(), e.owner(),
                e.lifecycle() == null ? null : e.lifecycle().name()));
        return writer.record(entry(event, e.department(), e.systemId(), e.name(),
                "AI system " + quoted(e.name(), "(unnamed)") + " registered" + in(e.department())
                        + (e.lifecycle() == null ? "" : " as " + e.lifecycle())), effects);
    }

    private Uni<?> lifecycle(GovernanceEvents.LifecycleChangedV1 e, ConsumedEvent event) {
        boolean scaled = e.from() == Lifecycle.PILOT && (e.to() == Lifecycle.SCALING || e.to() == Lifecycle.PRODUCTION);
        return writer.record(entry(event, null, e.systemId(), null, "AI system moved from " + e.from() + " to " + e.to()),
                List.of(Facts.systemLifecycle(e.systemId(), e.to() == null ? null : e.to().name(), scaled, event.happenedAt())));
    }

    private Uni<?> classified(GovernanceEvents.ClassifiedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.systemId(), null, "AI system classified: "
                        + (e.prohibited() ? "a prohibited practice" : "risk " + e.riskTier())),
                List.of(Facts.systemClassified(e.systemId(), e.riskTier() == null ? null : e.riskTier().name(), e.prohibited())));
    }

    private Uni<?> obligations(GovernanceEvents.ObligationsRecordedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.systemId(), null, "Deployer obligations recorded for the AI system"),
                List.of(Facts.systemObligations(e.systemId(), e.oversightPersons().size(), e.workersInformedOn() != null,
                        e.logRetentionMonths(), e.friaStatus() == null ? null : e.friaStatus().name())));
    }

    private Uni<?> incident(GovernanceEvents.IncidentRecordedV1 e, ConsumedEvent event) {
        List<Sql> effects = e.incidentId() == null ? List.of()
                : List.of(Facts.incidentRecorded(e.incidentId(), e.systemId(), e.serious(), e.authorityInformedAt() != null));
        return writer.record(entry(event, null, e.systemId(), null,
                (e.serious() ? "Serious incident" : "Incident") + " recorded on the AI system"), effects);
    }

    private Uni<?> incidentNotified(GovernanceEvents.IncidentNotifiedV1 e, ConsumedEvent event) {
        List<Sql> effects = e.incidentId() == null ? List.of()
                : List.of(Facts.incidentNotified(e.incidentId(), e.authorityInformedAt() != null));
        return writer.record(entry(event, null, e.systemId(), null, "Incident notified"
                + (e.authorityInformedAt() != null ? " to the authority" : " to the provider")), effects);
    }

    private Uni<?> transferred(GovernanceEvents.OwnershipTransferredV1 e, ConsumedEvent event) {
        List<Sql> effects = new ArrayList<>();
        effects.add(Facts.subject(e.systemId(), "ai-system", e.toDepartment(), null));
        if (e.toDepartment() != null) {
            effects.add(Facts.departmentSeen(e.toDepartment()));
        }
        effects.add(Facts.systemOwner(e.systemId(), e.toDepartment(), e.toOwner()));
        return writer.record(entry(event, e.toDepartment(), e.systemId(), null,
                "AI system ownership transferred" + (e.fromDepartment() == null ? "" : " from " + e.fromDepartment())
                        + (e.toDepartment() == null ? "" : " to " + e.toDepartment())), effects);
    }

    private Uni<?> corrected(GovernanceEvents.OwnershipCorrectedV1 e, ConsumedEvent event) {
        List<Sql> effects = new ArrayList<>();
        effects.add(Facts.subject(e.systemId(), "ai-system", e.department(), null));
        if (e.department() != null) {
            effects.add(Facts.departmentSeen(e.department()));
        }
        effects.add(Facts.systemOwner(e.systemId(), e.department(), e.owner()));
        return writer.record(entry(event, e.department(), e.systemId(), null,
                e.cancelled() ? "AI system ownership transfer cancelled" : "AI system ownership record corrected"), effects);
    }

    private Uni<?> established(GovernanceEvents.DepartmentEstablishedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.departmentId(), e.departmentId(), e.name(),
                "Department " + quoted(e.name(), e.departmentId()) + " established"),
                List.of(Facts.departmentNamed(e.departmentId(), e.name())));
    }

    private Uni<?> departmentChanged(GovernanceEvents.DepartmentChangedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.departmentId(), e.departmentId(), e.name(),
                "Department " + quoted(e.name(), e.departmentId()) + " changed"),
                List.of(Facts.departmentNamed(e.departmentId(), e.name())));
    }

    private Uni<?> training(GovernanceEvents.TrainingRecordedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.personId(), null, "AI-literacy training recorded"
                        + (e.validUntil() == null ? "" : ", valid until " + e.validUntil())),
                List.of(Facts.training(e.personId(), e.validUntil())));
    }

    private Uni<?> toolApproved(GovernanceEvents.ToolApprovedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.toolId() == null ? e.tool() : e.toolId(), e.tool(),
                "Tool " + e.tool() + " approved for " + e.allowedDataClasses() + " data"), List.of());
    }

    private Uni<?> toolRevoked(GovernanceEvents.ToolApprovalRevokedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.toolId() == null ? e.tool() : e.toolId(), e.tool(),
                "Approval of tool " + e.tool() + " revoked"), List.of());
    }

    private Uni<?> findingRaised(GovernanceEvents.FindingRaisedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, e.department(), e.findingId(), null,
                        "Governance finding " + e.kind() + (e.tool() == null ? "" : " for " + e.tool()) + in(e.department())),
                List.of(Facts.subject(e.findingId(), "finding", e.department(), null),
                        Facts.findingRaised(e.findingId(), e.ideaId(), e.department(), e.kind().name(), e.tool(), event.happenedAt())));
    }

    private Uni<?> findingResolved(GovernanceEvents.FindingResolvedV1 e, ConsumedEvent event) {
        return writer.record(entry(event, null, e.findingId(), null, "Governance finding resolved"),
                List.of(Facts.findingResolved(e.findingId(), event.happenedAt())));
    }
}

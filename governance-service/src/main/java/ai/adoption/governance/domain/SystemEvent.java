package ai.adoption.governance.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What happened to an AI system on the register. Effective-dated events carry {@code effectiveFrom}
 * (the business date they hold from); when they were recorded is the store's {@code recorded_at}.
 * Persons appear only as ids; who recorded an event is the envelope's actor.
 */
public sealed interface SystemEvent {

    UUID systemId();

    /** On the register, with its first ownership assertion ({@code transferId}); owner may be null (a gap). */
    record SystemRegistered(UUID systemId, String name, String tool, String vendor, String purpose, String scope,
                            DataClass dataClassification, SystemOrigin origin, UUID experimentId, UUID ideaId, String lead,
                            Lifecycle lifecycle, String department, String owner, UUID transferId, LocalDate effectiveFrom)
            implements SystemEvent {
    }

    record LifecycleChanged(UUID systemId, Lifecycle from, Lifecycle to, String reason, LocalDate effectiveFrom)
            implements SystemEvent {
    }

    record SystemClassified(UUID systemId, AiActRole role, RiskTier riskTier, AnnexIIIArea annexIIIArea,
                            Article5Screening screening, Set<TransparencyDuty> transparencyDuties, boolean prohibited,
                            String reason, LocalDate effectiveFrom) implements SystemEvent {
    }

    record ObligationsRecorded(UUID systemId, List<String> oversightPersons, LocalDate workersInformedOn,
                               Integer logRetentionMonths, FriaStatus friaStatus, String friaSummary,
                               boolean euRegistrationApplies, String euDatabaseRef, LocalDate effectiveFrom)
            implements SystemEvent {
    }

    record IncidentRecorded(UUID systemId, UUID incidentId, String summary, Instant occurredAt, boolean serious,
                            Instant providerInformedAt, Instant authorityInformedAt) implements SystemEvent {
    }

    record IncidentNotificationsRecorded(UUID systemId, UUID incidentId, Instant providerInformedAt, Instant authorityInformedAt)
            implements SystemEvent {
    }

    record OwnershipTransferred(UUID systemId, UUID transferId, String fromDepartment, String fromOwner, String toDepartment,
                                String toOwner, String decidedBy, String reason, LocalDate effectiveFrom) implements SystemEvent {
    }

    /** Supersedes what transfer {@code transferId} recorded; {@code cancelled}: it never happened. */
    record OwnershipCorrected(UUID systemId, UUID transferId, String department, String owner, LocalDate effectiveFrom,
                              boolean cancelled, String decidedBy, String reason) implements SystemEvent {
    }
}

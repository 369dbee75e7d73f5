package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What can be asked of an AI system on the register. Person fields are stable person ids (token subjects). */
public sealed interface SystemCommand {

    /** experiments-service started an experiment: the system is piloted in its department. Trusted: caused by an event. */
    record RegisterPilot(UUID systemId, UUID experimentId, UUID ideaId, String department, String name, String tool, String scope,
                         DataClass dataClassification, String lead, String owner, LocalDate startDate) implements SystemCommand {
    }

    /** A system that never came through an experiment, registered by hand. */
    record RegisterSystem(Actor actor, UUID systemId, String name, String tool, String vendor, String purpose, String scope,
                          DataClass dataClassification, Lifecycle lifecycle, String department, String owner,
                          LocalDate effectiveFrom) implements SystemCommand {
    }

    /** An experiment's conclusion or abandonment moves the pilot along. Trusted: caused by an event. */
    record ApplyExperimentOutcome(Lifecycle to, String reason, LocalDate effectiveFrom) implements SystemCommand {
    }

    record ChangeLifecycle(Actor actor, Lifecycle to, String reason, LocalDate effectiveFrom) implements SystemCommand {
    }

    record Classify(Actor actor, AiActRole role, RiskTier riskTier, AnnexIIIArea annexIIIArea, Article5Screening screening,
                    Set<TransparencyDuty> transparencyDuties, String reason, LocalDate effectiveFrom) implements SystemCommand {
    }

    record RecordObligations(Actor actor, List<String> oversightPersons, LocalDate workersInformedOn, Integer logRetentionMonths,
                             FriaStatus friaStatus, String friaSummary, Boolean euRegistrationApplies, String euDatabaseRef,
                             LocalDate effectiveFrom) implements SystemCommand {
    }

    record RecordIncident(Actor actor, UUID incidentId, String summary, Instant occurredAt, boolean serious,
                          Instant providerInformedAt, Instant authorityInformedAt) implements SystemCommand {
    }

    record RecordIncidentNotifications(Actor actor, UUID incidentId, Instant providerInformedAt, Instant authorityInformedAt)
            implements SystemCommand {
    }

    /** From whoever owns it on {@code effectiveFrom} (as recorded now) to the given department and owner. */
    record TransferOwnership(Actor actor, UUID transferId, String toDepartment, String toOwner, String decidedBy, String reason,
                             LocalDate effectiveFrom) implements SystemCommand {
    }

    /** Replaces what a transfer (or the registration) recorded, or cancels a transfer that never happened. */
    record CorrectOwnership(Actor actor, UUID transferId, String department, String owner, LocalDate effectiveFrom, boolean cancel,
                            String decidedBy, String reason) implements SystemCommand {
    }
}

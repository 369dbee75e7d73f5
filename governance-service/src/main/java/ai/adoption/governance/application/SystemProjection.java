package ai.adoption.governance.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.governance.domain.OwnershipKind;
import ai.adoption.governance.domain.SystemEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * The register: {@code gov_system} (what a system was registered with) and its bitemporal history,
 * one row per effective-dated fact, keyed by its event id (its knowledge time is in {@code gov_knowledge},
 * outside the read models, so a rebuild cannot change it; see {@link KnowledgeStamper}): ownership
 * assertions (a correction supersedes the transfer's previous assertion at the correction's recorded
 * time), lifecycle, classification and obligations; plus incidents.
 */
@ApplicationScoped
public class SystemProjection implements Projection {

    static final String TABLE = "gov_system";

    @Override
    public String name() {
        return "register";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.SYSTEM);
    }

    @Override
    public List<String> tables() {
        return List.of("gov_incident_notification", "gov_incident", "gov_obligations", "gov_classification", "gov_lifecycle", "gov_ownership", TABLE);
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof SystemEvent.SystemRegistered e) {
            SystemRow row = new SystemRow();
            row.id = e.systemId();
            row.name = e.name();
            row.tool = e.tool();
            row.vendor = e.vendor();
            row.purpose = e.purpose();
            row.scope = e.scope();
            row.dataClass = e.dataClassification();
            row.origin = e.origin();
            row.experimentId = e.experimentId();
            row.ideaId = e.ideaId();
            row.lead = e.lead();
            row.registeredOn = e.effectiveFrom();
            row.registeredAt = recorded.recordedAt();
            row.initialLifecycle = e.lifecycle();
            stamp(row, recorded);
            return row.persist()
                    .chain(() -> ownership(recorded, e.transferId(), OwnershipKind.REGISTRATION, e.effectiveFrom(), null, null,
                            e.department(), e.owner(), recorded.actor(), null, false, recorded.streamVersion()))
                    .chain(() -> lifecycle(recorded, e.lifecycle().name(), e.effectiveFrom(), "registered"));
        }
        if (event instanceof SystemEvent.LifecycleChanged e) {
            return touch(recorded).chain(() -> lifecycle(recorded, e.to().name(), e.effectiveFrom(), e.reason()));
        }
        if (event instanceof SystemEvent.SystemClassified e) {
            return touch(recorded).chain(() -> Sql.insert("gov_classification", "event_id", recorded.eventId(), "system_id", e.systemId(),
                    "effective_from", e.effectiveFrom(), "recorded_at", recorded.recordedAt(), "role", e.role(), "risk_tier", e.riskTier(),
                    "annex_iii_area", e.annexIIIArea(), "prohibited", e.prohibited(), "screening", e.screening(),
                    "transparency", e.transparencyDuties().stream().sorted().toList()));
        }
        if (event instanceof SystemEvent.ObligationsRecorded e) {
            return touch(recorded).chain(() -> Sql.insert("gov_obligations", "event_id", recorded.eventId(), "system_id", e.systemId(),
                    "effective_from", e.effectiveFrom(), "recorded_at", recorded.recordedAt(), "oversight", e.oversightPersons(),
                    "workers_informed_on", e.workersInformedOn(), "log_retention_months", e.logRetentionMonths(),
                    "fria_status", e.friaStatus(), "fria_summary", e.friaSummary(),
                    "eu_registration_applies", e.euRegistrationApplies(), "eu_database_ref", e.euDatabaseRef()));
        }
        if (event instanceof SystemEvent.IncidentRecorded e) {
            return touch(recorded).chain(() -> Sql.insert("gov_incident", "incident_id", e.incidentId(), "system_id", e.systemId(),
                    "event_id", recorded.eventId(), "summary", e.summary(), "occurred_at", e.occurredAt(), "serious", e.serious(),
                    "provider_informed_at", e.providerInformedAt(), "authority_informed_at", e.authorityInformedAt(),
                    "recorded_at", recorded.recordedAt(), "updated_at", recorded.recordedAt()));
        }
        if (event instanceof SystemEvent.IncidentNotificationsRecorded e) {
            // a fact of its own (effective: when told; known: when stamped), not an update of the incident
            return touch(recorded).chain(() -> Sql.insert("gov_incident_notification", "event_id", recorded.eventId(),
                    "incident_id", e.incidentId(), "system_id", e.systemId(), "provider_informed_at", e.providerInformedAt(),
                    "authority_informed_at", e.authorityInformedAt()));
        }
        if (event instanceof SystemEvent.OwnershipTransferred e) {
            return touch(recorded).chain(() -> ownership(recorded, e.transferId(), OwnershipKind.TRANSFER, e.effectiveFrom(),
                    e.fromDepartment(), e.fromOwner(), e.toDepartment(), e.toOwner(), e.decidedBy(), e.reason(), false,
                    recorded.streamVersion()));
        }
        if (event instanceof SystemEvent.OwnershipCorrected e) {
            return touch(recorded)
                    .chain(() -> Sql.update("update gov_ownership set superseded_at = ?1 where transfer_id = ?2 and superseded_at is null",
                            recorded.recordedAt(), e.transferId()))
                    .invoke(count -> requireOne(count, "gov_ownership", recorded))
                    // §2: the correction keeps the place of the transfer it corrects among assertions of one date
                    .chain(() -> Sql.rows("select transfer_seq, 0 from gov_ownership where transfer_id = ?1 and kind <> 'CORRECTION'",
                            e.transferId()))
                    .chain(rows -> {
                        if (rows.size() != 1) {
                            throw ReadModelRows.missing("gov_ownership", recorded);
                        }
                        return ownership(recorded, e.transferId(), OwnershipKind.CORRECTION, e.effectiveFrom(), null, null,
                                e.department(), e.owner(), e.decidedBy(), e.reason(), e.cancelled(),
                                ((Number) rows.get(0)[0]).longValue());
                    });
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> ownership(RecordedEvent<?> recorded, UUID transferId, OwnershipKind kind, java.time.LocalDate effective,
                                       String fromDepartment, String fromOwner, String department, String owner, String decidedBy,
                                       String reason, boolean cancelled, long transferSeq) {
        return Sql.insert("gov_ownership", "assertion_id", recorded.eventId(), "system_id", UUID.fromString(recorded.streamId()),
                "transfer_id", transferId, "kind", kind, "effective_from", effective, "recorded_at", recorded.recordedAt(),
                "cancelled", cancelled, "from_department", fromDepartment, "from_owner", fromOwner, "department", department,
                "owner", owner, "decided_by", decidedBy, "reason", reason, "transfer_seq", transferSeq);
    }

    private static Uni<Void> lifecycle(RecordedEvent<?> recorded, String lifecycle, java.time.LocalDate effective, String reason) {
        return Sql.insert("gov_lifecycle", "event_id", recorded.eventId(), "system_id", UUID.fromString(recorded.streamId()),
                "effective_from", effective, "recorded_at", recorded.recordedAt(), "lifecycle", lifecycle, "reason", reason);
    }

    private static Uni<Void> touch(RecordedEvent<?> recorded) {
        return ReadModelRows.update(SystemRow.<SystemRow>findById(UUID.fromString(recorded.streamId())), TABLE, recorded,
                row -> stamp(row, recorded));
    }

    private static void requireOne(int count, String table, RecordedEvent<?> recorded) {
        if (count != 1) {
            throw ReadModelRows.missing(table, recorded);
        }
    }

    private static void stamp(SystemRow row, RecordedEvent<?> recorded) {
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.recordedAt();
    }
}

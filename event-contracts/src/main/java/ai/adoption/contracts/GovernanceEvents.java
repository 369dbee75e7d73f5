package ai.adoption.contracts;

import ai.adoption.contracts.Vocabulary.AiActRole;
import ai.adoption.contracts.Vocabulary.AnnexIIIArea;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.FindingKind;
import ai.adoption.contracts.Vocabulary.FriaStatus;
import ai.adoption.contracts.Vocabulary.Lifecycle;
import ai.adoption.contracts.Vocabulary.RiskTier;
import ai.adoption.contracts.Vocabulary.SystemOrigin;
import ai.adoption.contracts.Vocabulary.TransparencyDuty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static ai.adoption.contracts.Required.listOf;
import static ai.adoption.contracts.Required.present;

/**
 * The payloads governance-service publishes: {@code governance.ai-system}, {@code .department},
 * {@code .person}, {@code .tool} and {@code .finding}. Persons only by id; business dates are
 * {@code yyyy-MM-dd}, instants RFC 3339 in UTC.
 */
public final class GovernanceEvents {

    private GovernanceEvents() {
    }

    /** {@code ai.adoption.ai-system.registered.v1}. */
    public record SystemRegisteredV1(UUID systemId, String name, String tool, String vendor, String purpose, String scope,
                                     DataClassification dataClassification, SystemOrigin origin, UUID experimentId,
                                     UUID ideaId, String lead, Lifecycle lifecycle, String department, String owner,
                                     UUID transferId, LocalDate effectiveFrom) {
        public SystemRegisteredV1 {
            present(systemId, "systemId");
        }
    }

    /** {@code ai.adoption.ai-system.lifecycle-changed.v1}. */
    public record LifecycleChangedV1(UUID systemId, Lifecycle from, Lifecycle to, String reason, LocalDate effectiveFrom) {
        public LifecycleChangedV1 {
            present(systemId, "systemId");
        }
    }

    /** {@code ai.adoption.ai-system.classified.v1}. */
    public record ClassifiedV1(UUID systemId, AiActRole role, RiskTier riskTier, AnnexIIIArea annexIIIArea,
                               Screening screening, List<TransparencyDuty> transparencyDuties, boolean prohibited,
                               String reason, LocalDate effectiveFrom) {
        public ClassifiedV1 {
            present(systemId, "systemId");
            transparencyDuties = listOf(transparencyDuties, "transparencyDuties");
        }
    }

    /** The answers to the practices Article 5(1) (a) to (h) prohibits. */
    public record Screening(Boolean a, Boolean b, Boolean c, Boolean d, Boolean e, Boolean f, Boolean g, Boolean h) {
    }

    /** {@code ai.adoption.ai-system.obligations-recorded.v1}. */
    public record ObligationsRecordedV1(UUID systemId, List<String> oversightPersons, LocalDate workersInformedOn,
                                        Integer logRetentionMonths, FriaStatus friaStatus, String friaSummary,
                                        boolean euRegistrationApplies, String euDatabaseRef, LocalDate effectiveFrom) {
        public ObligationsRecordedV1 {
            present(systemId, "systemId");
            oversightPersons = listOf(oversightPersons, "oversightPersons");
        }
    }

    /** {@code ai.adoption.ai-system.incident-recorded.v1}. */
    public record IncidentRecordedV1(UUID systemId, UUID incidentId, String summary, Instant occurredAt, boolean serious,
                                     Instant providerInformedAt, Instant authorityInformedAt) {
        public IncidentRecordedV1 {
            present(systemId, "systemId");
        }
    }

    /** {@code ai.adoption.ai-system.incident-notified.v1}. */
    public record IncidentNotifiedV1(UUID systemId, UUID incidentId, Instant providerInformedAt, Instant authorityInformedAt) {
        public IncidentNotifiedV1 {
            present(systemId, "systemId");
        }
    }

    /** {@code ai.adoption.ai-system.ownership-transferred.v1}. */
    public record OwnershipTransferredV1(UUID systemId, UUID transferId, String fromDepartment, String fromOwner,
                                         String toDepartment, String toOwner, String decidedBy, String reason,
                                         LocalDate effectiveFrom) {
        public OwnershipTransferredV1 {
            present(systemId, "systemId");
        }
    }

    /** {@code ai.adoption.ai-system.ownership-corrected.v1}. */
    public record OwnershipCorrectedV1(UUID systemId, UUID transferId, String department, String owner, LocalDate effectiveFrom,
                                       boolean cancelled, String decidedBy, String reason) {
        public OwnershipCorrectedV1 {
            present(systemId, "systemId");
        }
    }

    /** {@code ai.adoption.department.established.v1}. */
    public record DepartmentEstablishedV1(String departmentId, String name, String director, List<String> managers,
                                          List<String> ambassadors, LocalDate effectiveFrom) {
        public DepartmentEstablishedV1 {
            present(departmentId, "departmentId");
            managers = listOf(managers, "managers");
            ambassadors = listOf(ambassadors, "ambassadors");
        }
    }

    /** {@code ai.adoption.department.changed.v1}. */
    public record DepartmentChangedV1(String departmentId, String name, String director, List<String> managers,
                                      List<String> ambassadors, String reason, LocalDate effectiveFrom) {
        public DepartmentChangedV1 {
            present(departmentId, "departmentId");
            managers = listOf(managers, "managers");
            ambassadors = listOf(ambassadors, "ambassadors");
        }
    }

    /** {@code ai.adoption.person.named.v1}: the only event that holds a name. */
    public record PersonNamedV1(String personId, String displayName) {
        public PersonNamedV1 {
            present(personId, "personId");
        }
    }

    /** {@code ai.adoption.person.training-recorded.v1}; {@code validUntil} null: it does not expire. */
    public record TrainingRecordedV1(String personId, UUID trainingId, String course, String provider, LocalDate completedOn,
                                     LocalDate validUntil) {
        public TrainingRecordedV1 {
            present(personId, "personId");
        }
    }

    /** {@code ai.adoption.tool.approved.v1}; revisit-service brings forward the cases waiting for the tool. */
    public record ToolApprovedV1(UUID toolId, String tool, String vendor, List<DataClassification> allowedDataClasses,
                                 String approvedBy, LocalDate validFrom, LocalDate validUntil, String note) {
        public ToolApprovedV1 {
            present(tool, "tool");
            allowedDataClasses = listOf(allowedDataClasses, "allowedDataClasses");
        }
    }

    /** {@code ai.adoption.tool.approval-revoked.v1}. */
    public record ToolApprovalRevokedV1(UUID toolId, String tool, LocalDate revokedOn, String reason) {
        public ToolApprovalRevokedV1 {
            present(tool, "tool");
        }
    }

    /**
     * {@code ai.adoption.finding.raised.v1}; experiments-service records it on the idea.
     * {@code allowedDataClasses} absent or null reads as empty.
     */
    public record FindingRaisedV1(UUID findingId, UUID ideaId, String department, String tool,
                                  DataClassification dataClassification, FindingKind kind,
                                  List<DataClassification> allowedDataClasses, String message) {
        public FindingRaisedV1 {
            present(findingId, "findingId");
            present(ideaId, "ideaId");
            present(kind, "kind");
            allowedDataClasses = listOf(allowedDataClasses, "allowedDataClasses");
        }
    }

    /** {@code ai.adoption.finding.resolved.v1}. */
    public record FindingResolvedV1(UUID findingId, UUID ideaId, String reason) {
        public FindingResolvedV1 {
            present(findingId, "findingId");
            present(ideaId, "ideaId");
        }
    }
}

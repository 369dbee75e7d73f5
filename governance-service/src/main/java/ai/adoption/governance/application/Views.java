package ai.adoption.governance.application;

import ai.adoption.governance.domain.AiActRole;
import ai.adoption.governance.domain.AnnexIIIArea;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.FindingKind;
import ai.adoption.governance.domain.FriaStatus;
import ai.adoption.governance.domain.Lifecycle;
import ai.adoption.governance.domain.OwnershipKind;
import ai.adoption.governance.domain.RiskTier;
import ai.adoption.governance.domain.SystemOrigin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the governance endpoints answer. Persons are {@link PersonRef}s: a stable id and, when known, a display name. */
public final class Views {

    private Views() {
    }

    @Schema(description = "A person: the stable id (their token subject) and the display name governance knows")
    public record PersonRef(String id, String displayName) {
    }

    @Schema(description = "Who is accountable for a system: its department and owner")
    public record Holder(String department, PersonRef owner) {
    }

    @Schema(description = "A system's classification under the AI Act, as of the date asked for")
    public record ClassificationView(AiActRole role, RiskTier riskTier, AnnexIIIArea annexIIIArea, boolean prohibited,
                                     List<String> transparencyDuties, LocalDate effectiveFrom) {
    }

    @Schema(description = "A high-risk deployer's obligations (Articles 26, 27, 49), as of the date asked for")
    public record ObligationsView(List<PersonRef> oversightPersons, LocalDate workersInformedOn, Integer logRetentionMonths,
                                  FriaStatus friaStatus, String friaSummary, boolean euRegistrationApplies, String euDatabaseRef,
                                  LocalDate effectiveFrom) {
    }

    @Schema(description = "An incident and when the provider and the authority were told (Article 26(5))")
    public record IncidentView(UUID incidentId, String summary, Instant occurredAt, boolean serious, Instant providerInformedAt,
                               Instant authorityInformedAt, Instant recordedAt) {
    }

    @Schema(description = "An AI system as of a date (default today), as known at a time (default now)")
    public record SystemView(UUID id, String name, String tool, String vendor, String purpose, String scope, DataClass dataClassification,
                             SystemOrigin origin, UUID experimentId, UUID ideaId, PersonRef lead, LocalDate registeredOn,
                             LocalDate asOf, Lifecycle lifecycle, Holder accountable, ClassificationView classification,
                             ObligationsView obligations, List<IncidentView> incidents, long version,
                             @Schema(description = "The knowledge point this answer used: ask again with it for the same answer") Instant knownAt) {
    }

    @Schema(description = "Who owned the system on asOf, according to the records as they stood at knownAt")
    public record OwnershipView(UUID systemId, LocalDate asOf, Instant knownAt, String department, PersonRef owner,
                                LocalDate effectiveFrom, UUID transferId, OwnershipKind kind, Instant recordedAt, PersonRef decidedBy,
                                String reason) {
    }

    @Schema(description = "One ownership assertion: a registration, a transfer or a correction of one. supersededAt: when a "
            + "correction replaced it; cancelled: the correction says the transfer never happened")
    public record OwnershipRecord(UUID transferId, OwnershipKind kind, LocalDate effectiveFrom, Instant recordedAt,
                                  Instant supersededAt, boolean cancelled, String fromDepartment, PersonRef fromOwner, String department,
                                  PersonRef owner, PersonRef decidedBy, String reason) {
    }

    @Schema(description = "One system in the inventory as of a date")
    public record InventoryEntry(UUID systemId, String name, String tool, DataClass dataClassification, Lifecycle lifecycle,
                                 String department, PersonRef owner, AiActRole role, RiskTier riskTier, AnnexIIIArea annexIIIArea,
                                 boolean prohibited) {
    }

    @Schema(description = "One page of the systems in use on asOf as known at knownAt, in (name, systemId) order; count is the "
            + "number on this page. next: the cursor of the following page (pass it as after), null on the last page")
    public record Inventory(LocalDate asOf, Instant knownAt, String department, int count, List<InventoryEntry> systems, String next) {
    }

    @Schema(description = "A system whose ownership or classification differs between the two dates")
    public record Change(UUID systemId, String name, InventoryEntry from, InventoryEntry to) {
    }

    public record InventoryDiff(LocalDate from, LocalDate to, Instant knownAt, String department, List<InventoryEntry> added, List<InventoryEntry> retired,
                                List<Change> ownershipChanged, List<Change> classificationChanged) {
    }

    @Schema(description = "One compliance gap: what is missing, on which system, and the AI Act article behind it")
    public record Gap(String kind, String article, UUID systemId, String systemName, String department, PersonRef person,
                      String detail) {
    }

    @Schema(description = "One page of the compliance gaps on asOf as known at knownAt, by system in (name, systemId) order; count "
            + "is the number on this page, which may be below limit before the end. next: the cursor of the following page (pass it "
            + "as after), null on the last page")
    public record Gaps(LocalDate asOf, Instant knownAt, String department, int count, List<Gap> gaps, String next) {
    }

    @Schema(description = "A person who owns or oversees a system and lacks valid AI-literacy training on the date (Article 4)")
    public record LiteracyGap(PersonRef person, List<String> responsibilities, LocalDate lastValidUntil) {
    }

    public record DepartmentView(String id, String name, PersonRef director, List<PersonRef> managers, List<PersonRef> ambassadors,
                                 LocalDate effectiveFrom, Instant recordedAt, long version,
                                 @Schema(description = "The knowledge point this answer used (absent on the list of departments)") Instant knownAt) {
    }

    public record TrainingView(UUID trainingId, String course, String provider, LocalDate completedOn, LocalDate validUntil,
                               Instant recordedAt) {
    }

    public record PersonView(String id, String displayName, List<TrainingView> trainings) {
    }

    public record ToolView(UUID id, String tool, String vendor, List<DataClass> allowedDataClasses, LocalDate validFrom,
                           LocalDate validUntil, LocalDate revokedOn, String note, long version) {
    }

    @Schema(description = "A finding on an idea; resolvedAt and resolution are set once its cause went away (null while open)")
    public record FindingView(UUID findingId, UUID ideaId, String department, String tool, DataClass dataClassification,
                              FindingKind kind, List<DataClass> allowedDataClasses, String message, Instant raisedAt,
                              Instant resolvedAt, String resolution) {
    }

    @Schema(description = "One page of findings as known at knownAt, newest first ((raisedAt, findingId) descending); count is the "
            + "number on this page. next: the cursor of the following page (pass it as after), null on the last page")
    public record FindingPage(Instant knownAt, String department, UUID ideaId, int count, List<FindingView> findings, String next) {
    }
}

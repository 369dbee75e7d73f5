package ai.adoption.governance.api;

import ai.adoption.governance.application.Views.PersonRef;
import ai.adoption.governance.domain.AiActRole;
import ai.adoption.governance.domain.AnnexIIIArea;
import ai.adoption.governance.domain.Article5Screening;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.FriaStatus;
import ai.adoption.governance.domain.Lifecycle;
import ai.adoption.governance.domain.RiskTier;
import ai.adoption.governance.domain.TransparencyDuty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Request bodies of governance-service. Who asks comes from the token, never from here. */
public final class GovernanceRequests {

    private GovernanceRequests() {
    }

    @Schema(description = "A person: their stable id (token subject) and, optionally, the display name to record for it")
    public record Person(
            @Schema(description = "The person's stable id: their token subject", example = "fiona") @NotBlank @Size(max = 200) String id,
            @Schema(description = "Recorded once in the person's own record, never in the events that name them", example = "Fiona Berg")
            @Size(min = 1, max = 200) String displayName) {

        PersonRef ref() {
            return new PersonRef(id.strip(), displayName);
        }
    }

    static List<PersonRef> refs(Person... people) {
        List<PersonRef> refs = new ArrayList<>();
        for (Person p : people) {
            if (p != null) {
                refs.add(p.ref());
            }
        }
        return refs;
    }

    static List<PersonRef> refs(List<Person> people) {
        return people == null ? List.of() : refs(people.toArray(Person[]::new));
    }

    static List<String> ids(List<Person> people) {
        return people == null ? List.of() : people.stream().map(p -> p.id().strip()).toList();
    }

    public record DefineDepartment(
            @NotBlank @Size(max = 200) String name,
            @Schema(description = "The accountable director") @NotNull @Valid Person director,
            @Size(max = 100) List<@NotNull @Valid Person> managers,
            @Size(max = 100) List<@NotNull @Valid Person> ambassadors,
            @Schema(description = "The date this definition holds from (may lie in the past or the future)") @NotNull LocalDate effectiveFrom,
            @Schema(description = "Why it changed; required for a change") @Size(max = 2000) String reason) {
    }

    public record RegisterSystem(
            @NotBlank @Size(max = 200) String name,
            @Schema(example = "Microsoft Copilot") @NotBlank @Size(max = 200) String tool,
            @Size(max = 200) String vendor,
            @Size(max = 4000) String purpose,
            @Size(max = 2000) String scope,
            @NotNull DataClass dataClassification,
            @Schema(description = "PILOT (default), SCALING or PRODUCTION") Lifecycle lifecycle,
            @Schema(description = "The accountable department") @NotBlank @Size(max = 100) String department,
            @Schema(description = "The accountable owner") @NotNull @Valid Person owner,
            @Schema(description = "On the register from this date") @NotNull LocalDate effectiveFrom) {
    }

    public record Transfer(
            @NotBlank @Size(max = 100) String toDepartment,
            @NotNull @Valid Person toOwner,
            @Schema(description = "Who decided it (default: the caller)") @Valid Person decidedBy,
            @NotBlank @Size(max = 2000) String reason,
            @Schema(description = "The date it takes effect: in the past for a late record, or in the future") @NotNull LocalDate effectiveFrom) {
    }

    public record Correction(
            @Schema(description = "The corrected department (default: unchanged)") @Size(min = 1, max = 100) String department,
            @Schema(description = "The corrected owner (default: unchanged)") @Valid Person owner,
            @Schema(description = "The corrected effective date (default: unchanged)") LocalDate effectiveFrom,
            @Schema(description = "true: the transfer never happened") Boolean cancel,
            @Valid Person decidedBy,
            @NotBlank @Size(max = 2000) String reason) {
    }

    public record LifecycleChange(
            @NotNull Lifecycle lifecycle,
            @Size(max = 2000) String reason,
            @NotNull LocalDate effectiveFrom) {
    }

    public record Classification(
            @NotNull AiActRole role,
            @Schema(description = "Any 'true' in the screening makes it PROHIBITED") @NotNull RiskTier riskTier,
            @Schema(description = "Required for HIGH, refused otherwise") AnnexIIIArea annexIIIArea,
            @Schema(description = "Article 5(1) a-h: one answer per prohibited practice, all required") @NotNull @Valid Article5Screening screening,
            @Size(max = 5) Set<@NotNull TransparencyDuty> transparencyDuties,
            @Size(max = 2000) String reason,
            @NotNull LocalDate effectiveFrom) {
    }

    public record Obligations(
            @Schema(description = "Named human-oversight persons (Article 26(2))") @Size(max = 50) List<@NotNull @Valid Person> oversightPersons,
            @Schema(description = "When workers and their representatives were informed (Article 26(7))") LocalDate workersInformedOn,
            @Schema(description = "How long logs are kept, at least 6 months (Article 26(6))") @Min(0) @Max(1200) Integer logRetentionMonths,
            @Schema(description = "Fundamental-rights impact assessment (Article 27)") FriaStatus friaStatus,
            @Size(max = 4000) String friaSummary,
            @Schema(description = "Whether Article 49(3) registration applies (default true)") Boolean euRegistrationApplies,
            @Schema(description = "The EU-database registration reference") @Size(max = 200) String euDatabaseRef,
            @NotNull LocalDate effectiveFrom) {
    }

    public record Incident(
            @NotBlank @Size(max = 4000) String summary,
            @NotNull Instant occurredAt,
            @NotNull Boolean serious,
            Instant providerInformedAt,
            Instant authorityInformedAt) {
    }

    public record IncidentNotifications(Instant providerInformedAt, Instant authorityInformedAt) {
    }

    public record Training(
            @NotBlank @Size(max = 300) String course,
            @NotBlank @Size(max = 200) String provider,
            @NotNull LocalDate completedOn,
            LocalDate validUntil,
            @Schema(description = "The person's display name, to record with the training") @Size(min = 1, max = 200) String displayName) {
    }

    public record ApproveTool(
            @Schema(example = "ChatGPT Enterprise") @NotBlank @Size(max = 200) String tool,
            @Schema(example = "OpenAI") @NotBlank @Size(max = 200) String vendor,
            @NotNull @Size(min = 1, max = 4) Set<@NotNull DataClass> allowedDataClasses,
            @NotNull LocalDate validFrom,
            LocalDate validUntil,
            @Size(max = 2000) String note) {
    }

    public record Revocation(@NotNull LocalDate revokedOn, @NotBlank @Size(max = 2000) String reason) {
    }
}

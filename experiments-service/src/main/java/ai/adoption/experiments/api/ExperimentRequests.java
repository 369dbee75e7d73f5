package ai.adoption.experiments.api;

import ai.adoption.experiments.domain.FundingCommitment;
import ai.adoption.experiments.domain.LearningCategory;
import ai.adoption.experiments.domain.Outcome;
import ai.adoption.experiments.domain.Recommendation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request bodies of the experiment endpoints. */
public final class ExperimentRequests {

    private ExperimentRequests() {
    }

    public record BusinessUnitFunding(
            @NotBlank @Size(max = 200) String businessUnit,
            @Schema(description = "Who in the business unit gave the commitment") @NotBlank @Size(max = 200) String committedBy,
            @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {

        FundingCommitment toDomain() {
            return new FundingCommitment(businessUnit, committedBy, amount, currency);
        }
    }

    public record StartExperiment(
            @NotNull UUID ideaId,
            @Schema(description = "The experiment lead (a user id)") @NotBlank @Size(max = 200) String lead,
            @Schema(description = "The one work process or area the experiment is confined to") @NotBlank @Size(max = 2000) String scope,
            @NotBlank @Size(max = 200) String tool,
            @NotNull LocalDate startDate,
            @NotNull LocalDate plannedEndDate,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 500) String> successCriteria,
            @Schema(description = "The business unit's commitment, before start, to fund further development if it succeeds")
            @NotNull @Valid BusinessUnitFunding businessUnitFunding) {
    }

    public record RecordLearning(@NotNull LearningCategory category, @NotBlank @Size(max = 4000) String text) {
    }

    public record Conclude(@NotNull Outcome outcome, @NotNull Recommendation recommendation,
                           @NotBlank @Size(max = 8000) String summary) {
    }

    public record Abandon(@NotBlank @Size(max = 4000) String reason) {
    }
}

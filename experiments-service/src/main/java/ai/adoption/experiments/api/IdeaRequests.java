package ai.adoption.experiments.api;

import ai.adoption.experiments.domain.BenefitCategory;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.FundingDecision;
import ai.adoption.experiments.domain.RejectionReason;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** Request bodies of the idea endpoints. The submitter and approver come from the token, never from here. */
public final class IdeaRequests {

    private IdeaRequests() {
    }

    public record SubmitIdea(
            @NotBlank @Size(max = 200) String title,
            @Schema(description = "The problem in the submitter's daily work") @NotBlank @Size(max = 4000) String problem,
            @Schema(description = "The AI tool they want to try") @NotBlank @Size(max = 200) String aiTool,
            @NotNull DataClassification dataClassification,
            @NotNull BenefitCategory benefitCategory,
            @Schema(description = "Defaults to the token's department claim; must match it when the token has one")
            @Size(min = 1, max = 100) String department) {
    }

    public record ReviseIdea(
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 4000) String problem,
            @NotBlank @Size(max = 200) String aiTool,
            @NotNull DataClassification dataClassification,
            @NotNull BenefitCategory benefitCategory) {
    }

    public record WithdrawIdea(@Size(max = 2000) String reason) {
    }

    public record Funding(
            @Schema(description = "What the central AI/innovation budget pays for the first experiment")
            @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal centralBudgetAmount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency,
            @Schema(description = "The business unit commits to fund further development if the idea succeeds")
            @NotNull Boolean businessUnitCommitted,
            @Size(max = 200) String businessUnit) {

        FundingDecision toDomain() {
            return new FundingDecision(centralBudgetAmount, currency, businessUnitCommitted, businessUnit);
        }
    }

    public record ApproveIdea(@Valid Funding funding, @Size(max = 2000) String comment) {
    }

    public record RejectIdea(
            @NotNull RejectionReason reason,
            @NotBlank @Size(max = 4000) String explanation,
            @Schema(description = "This case's own revisit interval, overriding the department and global default: an "
                    + "ISO-8601 period or duration between PT1S and P5Y, such as P3M, P1W or PT30S", example = "P3M")
            @Size(max = 40) String revisitAfter) {
    }
}

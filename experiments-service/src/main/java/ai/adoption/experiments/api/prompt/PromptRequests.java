package ai.adoption.experiments.api.prompt;

import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.prompt.PromptContent;
import ai.adoption.experiments.domain.prompt.PromptDecider;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** Request bodies of the prompt catalogue. The variables' rules (declared = used) are the domain's. */
public final class PromptRequests {

    private PromptRequests() {
    }

    public record Content(
            @Schema(description = "What the prompt is for, e.g. \"Summarise customer reviews into themes\"") @NotBlank @Size(max = 500) String useCase,
            @Schema(description = "The business function, e.g. \"Customer service\"") @NotBlank @Size(max = 200) String businessFunction,
            @Schema(description = "The prompt, with named variables as {{name}}") @NotBlank @Size(max = 8000) String text,
            @Schema(description = "Every variable the text uses, each once") @NotNull @Size(max = 20) List<@NotBlank @Size(max = 40) String> variables,
            @NotBlank @Size(max = 8000) String exampleOutput,
            @Schema(description = "The tools it is for, by the names of governance's approved-tools list") @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 200) String> tools,
            @Schema(description = "The highest data class it may be used with") @NotNull DataClassification maxDataClass) {

        PromptContent toDomain() {
            return new PromptContent(useCase, businessFunction, text, variables, exampleOutput, tools, maxDataClass);
        }
    }

    public record Draft(
            @NotBlank @Size(max = 500) String useCase,
            @NotBlank @Size(max = 200) String businessFunction,
            @NotBlank @Size(max = 8000) String text,
            @NotNull @Size(max = 20) List<@NotBlank @Size(max = 40) String> variables,
            @NotBlank @Size(max = 8000) String exampleOutput,
            @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 200) String> tools,
            @NotNull DataClassification maxDataClass,
            @Schema(description = "A learning of a concluded experiment that this entry is promoted from") UUID sourceLearningId) {

        PromptContent toDomain() {
            return new PromptContent(useCase, businessFunction, text, variables, exampleOutput, tools, maxDataClass);
        }
    }

    public record Deprecate(@Size(max = 2000) String reason) {
    }

    public record Tried(
            @Schema(description = "Minutes it saved, if you can tell (0 to " + PromptDecider.MAX_MINUTES_SAVED + ")")
            @PositiveOrZero @Max(PromptDecider.MAX_MINUTES_SAVED) Integer minutesSaved) {
    }
}

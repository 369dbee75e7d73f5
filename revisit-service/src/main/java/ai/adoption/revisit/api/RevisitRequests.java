package ai.adoption.revisit.api;

import ai.adoption.revisit.domain.Interval;
import ai.adoption.revisit.domain.Verdict;
import ai.adoption.eventsourcing.web.InvalidInput;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the revisit endpoints. Who asks comes from the token, never from here. */
public final class RevisitRequests {

    private RevisitRequests() {
    }

    public record Evaluation(
            @Schema(description = "STILL_NOT_FEASIBLE (notes required; the next cycle is scheduled), NOW_FEASIBLE (the idea is "
                    + "reopened for a fresh decision) or DROP (reason required; no more cycles)")
            @NotNull Verdict verdict,
            @Schema(description = "What was tried and what happened") @Size(max = 4000) String notes,
            @Schema(description = "STILL_NOT_FEASIBLE only: this case's own interval from now on (ISO-8601 period or duration, "
                    + "PT1S..P5Y)", example = "P1M") @Size(max = 40) String nextInterval,
            @Schema(description = "DROP: why the case is not worth revisiting any more") @Size(max = 2000) String reason) {
    }

    public record CaseInterval(
            @Schema(description = "This case's own interval (ISO-8601 period or duration, PT1S..P5Y); it beats the department "
                    + "and global policy", example = "P6M") @NotBlank @Size(max = 40) String interval) {
    }

    public record BringForward(
            @Schema(description = "Every waiting case of this tool (case-insensitive) becomes due now", example = "ChatGPT Enterprise")
            @NotBlank @Size(max = 200) String tool,
            @Schema(description = "Only this department's cases; an ambassador may only name their own (the default)")
            @Size(min = 1, max = 100) String department,
            @Schema(description = "Only cases rejected for this reason, e.g. TOOL_NOT_APPROVED") @Size(min = 1, max = 100) String rejectionReason,
            @Schema(description = "Why, e.g. 'the EU tenant is live'") @Size(max = 2000) String why) {
    }

    public record DepartmentInterval(
            @Schema(description = "The department's interval (ISO-8601 period or duration, PT1S..P5Y)", example = "P1M")
            @NotBlank @Size(max = 40) String interval,
            @Size(max = 2000) String reason) {
    }

    /** A syntactically valid interval, or 400 naming the field; the bounds are a business rule (422). */
    static String interval(String field, String raw) {
        if (raw == null) {
            return null;
        }
        if (Interval.parseOrNull(raw) == null) {
            throw new InvalidInput(field, "must be an ISO-8601 period or duration such as P3M, P1W or PT30S");
        }
        return raw.strip();
    }
}

package ai.adoption.governance.api;

import ai.adoption.governance.domain.ScanDimension;
import ai.adoption.governance.domain.ScanLevel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the AI-scan. The respondent is the token's subject, never a field. */
public final class ScanRequests {

    private ScanRequests() {
    }

    @Schema(description = "One dimension's level on the 1-5 scale (GET /scans/levels describes each level)")
    public record Level(@NotNull ScanDimension dimension,
                        @Schema(minimum = "1", maximum = "5") @NotNull @Min(1) @Max(5) Integer level) {
    }

    public record OpenScan(
            @Schema(description = "The department (its id, the department claim of its people's tokens)") @NotBlank @Size(max = 100) String department,
            @Schema(description = "A name for the period; default periodFrom..periodTo", example = "2026-Q4") @Size(min = 1, max = 100) String label,
            @Schema(description = "The period's first day") @NotNull LocalDate periodFrom,
            @Schema(description = "The period's last day (at most a year after periodFrom)") @NotNull LocalDate periodTo) {
    }

    public record Answer(
            @Schema(description = "Exactly one level for each of DATA, TECHNOLOGY, CUSTOMER_FOCUS and AI_LITERACY")
            @NotNull @Size(min = 4, max = 4) List<@NotNull @Valid Level> answers) {
    }

    public record Targets(
            @Schema(description = "At most one level per dimension; a dimension left out has no target")
            @NotNull @Size(min = 1, max = 4) List<@NotNull @Valid Level> targets,
            @Size(max = 2000) String reason) {
    }

    static List<ScanLevel> levels(List<Level> levels) {
        return levels.stream().map(l -> new ScanLevel(l.dimension(), l.level())).toList();
    }
}

package ai.adoption.governance.application;

import ai.adoption.governance.domain.LiteracyCoverage;
import ai.adoption.governance.domain.ScanDimension;
import ai.adoption.governance.domain.ScanNextSteps.NextStep;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the AI-scan's endpoints answer. */
public final class ScanViews {

    private ScanViews() {
    }

    public record Level(int level, String description) {
    }

    public record DimensionLevels(ScanDimension dimension, String title, List<Level> levels) {
    }

    public record LevelView(ScanDimension dimension, int level) {
    }

    @Schema(description = "One dimension's result: answers, median, spread as the range (min, max, range = max - min), target and gap "
            + "(target - median: positive below the target)")
    public record DimensionView(ScanDimension dimension, int answers, Double median, Integer min, Integer max, Integer range,
                                Integer target, Double gap,
                                @Schema(description = "The median's change from the department's previous scan (trend only)") Double changeFromPrevious,
                                @Schema(description = "AI_LITERACY only: governance's measured training coverage of the department on the scan's date")
                                LiteracyCoverage measuredCoverage) {
    }

    @Schema(description = "A scan and its result as known at knownAt")
    public record ScanView(UUID id, String department, String label, LocalDate periodFrom, LocalDate periodTo,
                           @Schema(enumeration = {"OPEN", "CLOSED"}) String status, LocalDate closedOn,
                           @Schema(description = "The scan's date: closedOn once closed, else the earlier of periodTo and knownAt's day")
                           LocalDate onDate, int respondents, List<DimensionView> results, List<NextStep> nextSteps, Instant knownAt,
                           long version) {
    }

    public record TrendView(String department, List<ScanView> scans, Instant knownAt) {
    }

    public record TargetsView(String department, List<LevelView> targets, String reason, Instant knownAt) {
    }

    public record AnswerView(UUID scanId, String respondent, List<LevelView> levels,
                             @Schema(description = "This request recorded the person's first answer") boolean first,
                             @Schema(description = "This request replaced the person's earlier answer") boolean revised) {
    }
}

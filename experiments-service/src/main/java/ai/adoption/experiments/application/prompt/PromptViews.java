package ai.adoption.experiments.application.prompt;

import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.prompt.PromptStatus;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the prompt catalogue's API returns. */
public final class PromptViews {

    private PromptViews() {
    }

    /**
     * An entry as the catalogue shows it: its served version's content once approved, else its newest version's.
     * {@code flagged} is true when an approved entry may no longer be used as governance's approved-tools list
     * stands today (an approval revoked or expired, a data class no longer allowed); {@code flagReason} says why.
     */
    public record EntryView(UUID id, long version, String department, String author, PromptStatus status, int latestVersion,
                            PromptStatus latestStatus, int servedVersion, String useCase, String businessFunction, String text,
                            List<String> variables, String exampleOutput, List<String> tools, DataClassification maxDataClass,
                            @Schema(nullable = true) UUID sourceLearningId, @Schema(nullable = true) UUID sourceExperimentId,
                            long useCount, long minutesSaved, boolean flagged, @Schema(nullable = true) String flagReason,
                            Instant createdAt, @Schema(nullable = true) Instant approvedAt, Instant updatedAt) {
    }

    /** One version of an entry, every one kept. */
    public record VersionView(int version, PromptStatus status, String useCase, String businessFunction, String text,
                              List<String> variables, String exampleOutput, List<String> tools, DataClassification maxDataClass,
                              String writtenBy, Instant writtenAt) {
    }

    /**
     * The department's pill of the day: an entry ({@code null} when no approved, unflagged entry exists), whether it
     * repeats one served within the window (only when the catalogue has no more servable entries than the window has
     * days), and a feature of a tool on the approved-tools list to try ({@code null} when none is known).
     */
    public record PillView(LocalDate day, String department, int windowDays, int servableEntries, boolean repeatWithinWindow,
                           @Schema(nullable = true) EntryView entry, @Schema(nullable = true) FeatureView feature) {
    }

    public record FeatureView(String tool, String feature) {
    }
}

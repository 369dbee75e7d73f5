package ai.adoption.experiments.domain.prompt;

import ai.adoption.experiments.domain.DataClassification;

import java.util.List;
import java.util.UUID;

/**
 * What happened to a prompt entry. Each event carries the entry id and what a reader needs without looking
 * anything up; when and by whom travel in the envelope too.
 */
public sealed interface PromptEvent {

    UUID entryId();

    record PromptDrafted(UUID entryId, int version, String department, String author, String useCase, String businessFunction,
                         String text, List<String> variables, String exampleOutput, List<String> tools,
                         DataClassification maxDataClass, UUID sourceLearningId, UUID sourceExperimentId) implements PromptEvent {
    }

    record PromptRevised(UUID entryId, int version, String department, String revisedBy, String useCase, String businessFunction,
                         String text, List<String> variables, String exampleOutput, List<String> tools,
                         DataClassification maxDataClass) implements PromptEvent {
    }

    record PromptSubmittedForReview(UUID entryId, int version, String department, String submittedBy) implements PromptEvent {
    }

    /** The version is served from now on; {@code supersededVersion} is the one served before it (0: none). */
    record PromptApproved(UUID entryId, int version, String department, String approvedBy, List<String> tools,
                          DataClassification maxDataClass, int supersededVersion) implements PromptEvent {
    }

    record PromptDeprecated(UUID entryId, String department, String deprecatedBy, String reason) implements PromptEvent {
    }

    /** Someone tried the served version; {@code minutesSaved} null when they did not say. */
    record PromptTried(UUID entryId, int version, String department, String triedBy, Integer minutesSaved) implements PromptEvent {
    }
}

package ai.adoption.contracts;

import ai.adoption.contracts.Vocabulary.DataClassification;

import java.util.List;
import java.util.UUID;

import static ai.adoption.contracts.Required.listOf;
import static ai.adoption.contracts.Required.present;

/** The payloads on {@code experiments.prompt} (key: the prompt entry id): the prompt catalogue. */
public final class PromptEvents {

    private PromptEvents() {
    }

    /** {@code ai.adoption.prompt.drafted.v1}: version 1 in DRAFT; the source fields name a promoted learning, or are null. */
    public record DraftedV1(UUID entryId, int version, String department, String author, String useCase, String businessFunction,
                            String text, List<String> variables, String exampleOutput, List<String> tools,
                            DataClassification maxDataClass, UUID sourceLearningId, UUID sourceExperimentId) {
        public DraftedV1 {
            present(entryId, "entryId");
            present(department, "department");
            present(author, "author");
            present(text, "text");
            variables = listOf(variables, "variables");
            tools = listOf(tools, "tools");
            present(maxDataClass, "maxDataClass");
        }
    }

    /** {@code ai.adoption.prompt.revised.v1}: a new version in DRAFT; an approved version stays served. */
    public record RevisedV1(UUID entryId, int version, String department, String revisedBy, String useCase, String businessFunction,
                            String text, List<String> variables, String exampleOutput, List<String> tools,
                            DataClassification maxDataClass) {
        public RevisedV1 {
            present(entryId, "entryId");
            present(department, "department");
            present(text, "text");
            variables = listOf(variables, "variables");
            tools = listOf(tools, "tools");
            present(maxDataClass, "maxDataClass");
        }
    }

    /** {@code ai.adoption.prompt.submitted-for-review.v1}. */
    public record SubmittedForReviewV1(UUID entryId, int version, String department, String submittedBy) {
        public SubmittedForReviewV1 {
            present(entryId, "entryId");
            present(department, "department");
        }
    }

    /** {@code ai.adoption.prompt.approved.v1}: the version is served; {@code supersededVersion} 0 when none was before. */
    public record ApprovedV1(UUID entryId, int version, String department, String approvedBy, List<String> tools,
                             DataClassification maxDataClass, int supersededVersion) {
        public ApprovedV1 {
            present(entryId, "entryId");
            present(department, "department");
            tools = listOf(tools, "tools");
            present(maxDataClass, "maxDataClass");
        }
    }

    /** {@code ai.adoption.prompt.deprecated.v1}; {@code reason} may be null. */
    public record DeprecatedV1(UUID entryId, String department, String deprecatedBy, String reason) {
        public DeprecatedV1 {
            present(entryId, "entryId");
            present(department, "department");
        }
    }

    /** {@code ai.adoption.prompt.tried.v1}: "I tried it"; {@code minutesSaved} null when not said. */
    public record TriedV1(UUID entryId, int version, String department, String triedBy, Integer minutesSaved) {
        public TriedV1 {
            present(entryId, "entryId");
            present(department, "department");
        }
    }
}

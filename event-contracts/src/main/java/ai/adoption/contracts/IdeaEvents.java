package ai.adoption.contracts;

import ai.adoption.contracts.Vocabulary.BenefitCategory;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.FindingKind;
import ai.adoption.contracts.Vocabulary.RejectionReason;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static ai.adoption.contracts.Required.listOf;
import static ai.adoption.contracts.Required.present;

/** The payloads on {@code experiments.idea} (key: the idea id), as docs/events.md describes them. */
public final class IdeaEvents {

    private IdeaEvents() {
    }

    /** {@code ai.adoption.idea.submitted.v1}; governance-service checks the tool and data class. */
    public record SubmittedV1(UUID ideaId, String submitter, String title, String problem, String aiTool,
                              DataClassification dataClassification, BenefitCategory benefitCategory, String department) {
        public SubmittedV1 {
            present(ideaId, "ideaId");
            present(department, "department");
            present(aiTool, "aiTool");
            present(dataClassification, "dataClassification");
        }
    }

    /** {@code ai.adoption.idea.revised.v1}: no department (governance takes the submission's). */
    public record RevisedV1(UUID ideaId, String title, String problem, String aiTool, DataClassification dataClassification,
                            BenefitCategory benefitCategory) {
        public RevisedV1 {
            present(ideaId, "ideaId");
            present(aiTool, "aiTool");
            present(dataClassification, "dataClassification");
        }
    }

    /** {@code ai.adoption.idea.withdrawn.v1}; {@code reason} may be null. */
    public record WithdrawnV1(UUID ideaId, String reason) {
        public WithdrawnV1 {
            present(ideaId, "ideaId");
        }
    }

    /** {@code ai.adoption.idea.approved.v1}; {@code funding} may be null. */
    public record ApprovedV1(UUID ideaId, String department, String approvedBy, Funding funding, String comment) {
        public ApprovedV1 {
            present(ideaId, "ideaId");
        }
    }

    /** The funding decision of an approval. */
    public record Funding(BigDecimal centralBudgetAmount, String currency, boolean businessUnitCommitted, String businessUnit) {
    }

    /**
     * {@code ai.adoption.idea.rejected.v1}; revisit-service opens a case. {@code revisitAfter}: an ISO-8601
     * period or duration as text, or null for the department or global default.
     */
    public record RejectedV1(UUID ideaId, String department, String rejectedBy, String submitter, String title, String aiTool,
                             RejectionReason reason, String explanation, String revisitAfter) {
        public RejectedV1 {
            present(ideaId, "ideaId");
            present(department, "department");
            present(reason, "reason");
        }
    }

    /** {@code ai.adoption.idea.reopened.v1}; {@code previousStatus} is {@code REJECTED} or {@code APPROVED}. */
    public record ReopenedV1(UUID ideaId, String department, UUID revisitCaseId, int cycle, String previousStatus, String notes,
                             String reopenedBy) {
        public ReopenedV1 {
            present(ideaId, "ideaId");
        }
    }

    /** {@code ai.adoption.idea.finding-recorded.v1}: a governance finding, recorded on the idea. */
    public record FindingRecordedV1(UUID ideaId, UUID findingId, FindingKind kind, String tool,
                                    DataClassification dataClassification, List<DataClassification> allowedDataClasses,
                                    String message) {
        public FindingRecordedV1 {
            present(ideaId, "ideaId");
            present(findingId, "findingId");
            allowedDataClasses = listOf(allowedDataClasses, "allowedDataClasses");
        }
    }

    /** {@code ai.adoption.idea.finding-resolved.v1}. */
    public record FindingResolvedV1(UUID ideaId, UUID findingId, String reason) {
        public FindingResolvedV1 {
            present(ideaId, "ideaId");
            present(findingId, "findingId");
        }
    }

    /** {@code ai.adoption.idea.experiment-started.v1}. */
    public record ExperimentStartedV1(UUID ideaId, UUID experimentId) {
        public ExperimentStartedV1 {
            present(ideaId, "ideaId");
        }
    }

    /** {@code ai.adoption.idea.experiment-ended.v1}; {@code result} is the outcome or {@code ABANDONED}. */
    public record ExperimentEndedV1(UUID ideaId, UUID experimentId, String result) {
        public ExperimentEndedV1 {
            present(ideaId, "ideaId");
        }
    }
}

package ai.adoption.contracts;

import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.contracts.Vocabulary.LearningCategory;
import ai.adoption.contracts.Vocabulary.Outcome;
import ai.adoption.contracts.Vocabulary.Recommendation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static ai.adoption.contracts.Required.listOf;
import static ai.adoption.contracts.Required.present;

/** The payloads on {@code experiments.experiment} (key: the experiment id). */
public final class ExperimentEvents {

    private ExperimentEvents() {
    }

    /**
     * {@code ai.adoption.experiment.started.v1}; governance-service registers an AI system.
     * {@code dataClassification} is absent from records published before it was added (read as null).
     */
    public record StartedV1(UUID experimentId, UUID ideaId, String department, String title, String lead, String scope,
                            String tool, DataClassification dataClassification, LocalDate startDate, LocalDate plannedEndDate,
                            List<String> successCriteria, BusinessUnitFunding businessUnitFunding, String startedBy) {
        public StartedV1 {
            present(experimentId, "experimentId");
            present(ideaId, "ideaId");
            present(department, "department");
            present(title, "title");
            present(tool, "tool");
            successCriteria = listOf(successCriteria, "successCriteria");
        }
    }

    /** What a business unit committed to an experiment. */
    public record BusinessUnitFunding(String businessUnit, String committedBy, BigDecimal amount, String currency) {
    }

    /** {@code ai.adoption.experiment.learning-recorded.v1}. */
    public record LearningRecordedV1(UUID experimentId, UUID learningId, LearningCategory category, String text,
                                     String recordedBy) {
        public LearningRecordedV1 {
            present(experimentId, "experimentId");
        }
    }

    /** {@code ai.adoption.experiment.concluded.v1}; revisit-service and governance-service act on it. */
    public record ConcludedV1(UUID experimentId, UUID ideaId, String department, String title, String tool, Outcome outcome,
                              Recommendation recommendation, String summary, String concludedBy) {
        public ConcludedV1 {
            present(experimentId, "experimentId");
            present(ideaId, "ideaId");
            present(department, "department");
            present(outcome, "outcome");
        }
    }

    /** {@code ai.adoption.experiment.abandoned.v1}; revisit-service and governance-service act on it. */
    public record AbandonedV1(UUID experimentId, UUID ideaId, String department, String title, String tool, String reason,
                              String abandonedBy) {
        public AbandonedV1 {
            present(experimentId, "experimentId");
            present(ideaId, "ideaId");
            present(department, "department");
        }
    }
}

package ai.adoption.experiments.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What happened to an experiment; self-describing for dashboards and the revisit and governance services. */
public sealed interface ExperimentEvent {

    UUID experimentId();

    /**
     * Consumed by the governance service, which registers the experiment as an AI system.
     * {@code dataClassification} is the idea's when the experiment started; events stored before it
     * was added decode with null.
     */
    record ExperimentStarted(UUID experimentId, UUID ideaId, String department, String title, String lead, String scope,
                             String tool, DataClassification dataClassification, LocalDate startDate,
                             LocalDate plannedEndDate, List<String> successCriteria, FundingCommitment businessUnitFunding,
                             String startedBy) implements ExperimentEvent {
    }

    record LearningRecorded(UUID experimentId, UUID learningId, LearningCategory category, String text, String recordedBy)
            implements ExperimentEvent {
    }

    /** Consumed by the revisit service when the outcome is FAILED. */
    record ExperimentConcluded(UUID experimentId, UUID ideaId, String department, String title, String tool,
                               Outcome outcome, Recommendation recommendation, String summary, String concludedBy)
            implements ExperimentEvent {
    }

    record ExperimentAbandoned(UUID experimentId, UUID ideaId, String department, String title, String tool,
                               String reason, String abandonedBy) implements ExperimentEvent {
    }
}

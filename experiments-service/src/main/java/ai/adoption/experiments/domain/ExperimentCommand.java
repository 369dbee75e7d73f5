package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What can be asked of an experiment. The actor always comes from the caller's token. */
public sealed interface ExperimentCommand {

    Actor actor();

    /**
     * Starts a time-boxed experiment in a limited scope for an approved idea. The idea's facts
     * (department, title, data classification) are copied in by the application from the idea's own state.
     */
    record StartExperiment(UUID experimentId, UUID ideaId, Actor actor, String department, String ideaTitle,
                           DataClassification dataClassification, String lead, String scope, String tool, LocalDate startDate, LocalDate plannedEndDate,
                           List<String> successCriteria, FundingCommitment businessUnitFunding) implements ExperimentCommand {
    }

    record RecordLearning(Actor actor, UUID learningId, LearningCategory category, String text) implements ExperimentCommand {
    }

    record ConcludeExperiment(Actor actor, Outcome outcome, Recommendation recommendation, String summary)
            implements ExperimentCommand {
    }

    record AbandonExperiment(Actor actor, String reason) implements ExperimentCommand {
    }
}

package ai.adoption.experiments.domain;

import java.util.UUID;

/** An idea's state, folded from its events. {@code status == null} means it was never submitted. */
public record Idea(UUID id, IdeaStatus status, String submitter, String department, String title, String aiTool,
                   DataClassification dataClassification, UUID runningExperiment) {

    public static final Idea NONE = new Idea(null, null, null, null, null, null, null, null);

    public boolean exists() {
        return status != null;
    }

    Idea with(IdeaStatus newStatus) {
        return new Idea(id, newStatus, submitter, department, title, aiTool, dataClassification, runningExperiment);
    }

    Idea withExperiment(IdeaStatus newStatus, UUID experiment) {
        return new Idea(id, newStatus, submitter, department, title, aiTool, dataClassification, experiment);
    }
}

package ai.adoption.experiments.domain;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * An idea's state, folded from its events. {@code status == null} means it was never submitted.
 * {@code findingIds} are the governance findings recorded on it, each recorded once.
 */
public record Idea(UUID id, IdeaStatus status, String submitter, String department, String title, String aiTool,
                   DataClassification dataClassification, UUID runningExperiment, Set<UUID> findingIds) {

    public static final Idea NONE = new Idea(null, null, null, null, null, null, null, null, Set.of());

    public Idea {
        findingIds = findingIds == null ? Set.of() : Set.copyOf(findingIds);
    }

    public boolean exists() {
        return status != null;
    }

    public boolean hasFinding(UUID findingId) {
        return findingIds.contains(findingId);
    }

    Idea with(IdeaStatus newStatus) {
        return new Idea(id, newStatus, submitter, department, title, aiTool, dataClassification, runningExperiment, findingIds);
    }

    Idea withExperiment(IdeaStatus newStatus, UUID experiment) {
        return new Idea(id, newStatus, submitter, department, title, aiTool, dataClassification, experiment, findingIds);
    }

    Idea revised(String newTitle, String newAiTool, DataClassification newClassification) {
        return new Idea(id, status, submitter, department, newTitle, newAiTool, newClassification, runningExperiment, findingIds);
    }

    Idea withFinding(UUID findingId) {
        Set<UUID> all = new HashSet<>(findingIds);
        all.add(findingId);
        return new Idea(id, status, submitter, department, title, aiTool, dataClassification, runningExperiment, all);
    }
}

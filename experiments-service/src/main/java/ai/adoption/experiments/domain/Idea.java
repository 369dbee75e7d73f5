package ai.adoption.experiments.domain;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * An idea's state, folded from its events. {@code status == null} means it was never submitted.
 * {@code findingIds} are the governance findings recorded on it, each recorded once; {@code resolvedFindingIds}
 * those of them governance has since resolved, each resolved once.
 */
public record Idea(UUID id, IdeaStatus status, String submitter, String department, String title, String aiTool,
                   DataClassification dataClassification, UUID runningExperiment, Set<UUID> findingIds, Set<UUID> resolvedFindingIds) {

    public static final Idea NONE = new Idea(null, null, null, null, null, null, null, null, Set.of(), Set.of());

    public Idea {
        findingIds = findingIds == null ? Set.of() : Set.copyOf(findingIds);
        resolvedFindingIds = resolvedFindingIds == null ? Set.of() : Set.copyOf(resolvedFindingIds);
    }

    public boolean hasResolvedFinding(UUID findingId) {
        return resolvedFindingIds.contains(findingId);
    }

    Idea withResolvedFinding(UUID findingId) {
        Set<UUID> all = new HashSet<>(resolvedFindingIds);
        all.add(findingId);
        return new Idea(id, status, submitter, department, title, aiTool, dataClassification, runningExperiment, findingIds, all);
    }

    public boolean exists() {
        return status != null;
    }

    public boolean hasFinding(UUID findingId) {
        return findingIds.contains(findingId);
    }

    Idea with(IdeaStatus newStatus) {
        return new Idea(id, newStatus, submitter, department, title, aiTool, dataClassification, runningExperiment, findingIds, resolvedFindingIds);
    }

    Idea withExperiment(IdeaStatus newStatus, UUID experiment) {
        return new Idea(id, newStatus, submitter, department, title, aiTool, dataClassification, experiment, findingIds, resolvedFindingIds);
    }

    Idea revised(String newTitle, String newAiTool, DataClassification newClassification) {
        return new Idea(id, status, submitter, department, newTitle, newAiTool, newClassification, runningExperiment, findingIds, resolvedFindingIds);
    }

    Idea withFinding(UUID findingId) {
        Set<UUID> all = new HashSet<>(findingIds);
        all.add(findingId);
        return new Idea(id, status, submitter, department, title, aiTool, dataClassification, runningExperiment, all, resolvedFindingIds);
    }
}

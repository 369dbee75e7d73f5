package ai.adoption.experiments.domain.prompt;

import java.util.UUID;

/**
 * A prompt entry's state, folded from its events. {@code latestVersion} is the newest version and
 * {@code latestStatus} its status; {@code servedVersion} the approved one the catalogue serves (0: none yet);
 * {@code latest} the newest version's content (what a review approves).
 */
public record PromptEntry(UUID id, String department, String author, int latestVersion, PromptStatus latestStatus,
                          int servedVersion, boolean deprecated, PromptContent latest) {

    public static final PromptEntry NONE = new PromptEntry(null, null, null, 0, null, 0, false, null);

    public boolean exists() {
        return id != null;
    }

    /** The entry as a whole: DEPRECATED, else APPROVED while a version is served, else its newest version's status. */
    public PromptStatus status() {
        if (deprecated) {
            return PromptStatus.DEPRECATED;
        }
        return servedVersion > 0 ? PromptStatus.APPROVED : latestStatus;
    }

    PromptEntry withLatest(int version, PromptStatus status, PromptContent content) {
        return new PromptEntry(id, department, author, version, status, servedVersion, deprecated, content);
    }

    PromptEntry withLatestStatus(PromptStatus status) {
        return new PromptEntry(id, department, author, latestVersion, status, servedVersion, deprecated, latest);
    }

    PromptEntry served(int version) {
        return new PromptEntry(id, department, author, latestVersion, PromptStatus.APPROVED, version, deprecated, latest);
    }

    PromptEntry deprecatedEntry() {
        return new PromptEntry(id, department, author, latestVersion, latestStatus, servedVersion, true, latest);
    }
}

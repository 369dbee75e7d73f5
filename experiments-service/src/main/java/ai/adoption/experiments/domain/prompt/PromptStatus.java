package ai.adoption.experiments.domain.prompt;

/**
 * Where a version of a prompt entry stands. DRAFT → IN_REVIEW → APPROVED; a newer approved version
 * makes the one before SUPERSEDED, and so does a revision of a draft or a version in review (every
 * version is kept). DEPRECATED ends the entry as a whole.
 */
public enum PromptStatus {
    DRAFT, IN_REVIEW, APPROVED, SUPERSEDED, DEPRECATED
}

package ai.adoption.experiments.domain;

/** Where an idea stands. An approved idea is IN_EXPERIMENT while one of its experiments runs. */
public enum IdeaStatus {
    SUBMITTED, WITHDRAWN, APPROVED, REJECTED, IN_EXPERIMENT
}

package ai.adoption.experiments.domain;

/** How a concluded experiment turned out. */
public enum Outcome {
    SUCCEEDED, FAILED, INCONCLUSIVE
}

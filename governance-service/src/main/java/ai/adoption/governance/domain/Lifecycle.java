package ai.adoption.governance.domain;

/** Where an AI system is in its life: piloted in an experiment, on its way to production, in production, retired. */
public enum Lifecycle {
    PILOT, SCALING, PRODUCTION, RETIRED
}

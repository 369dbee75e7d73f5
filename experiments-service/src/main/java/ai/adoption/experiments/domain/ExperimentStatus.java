package ai.adoption.experiments.domain;

/** Where an experiment stands. Overdue is derived: RUNNING past its planned end. */
public enum ExperimentStatus {
    RUNNING, CONCLUDED, ABANDONED
}

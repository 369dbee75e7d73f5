package ai.adoption.experiments.domain;

/** What a concluded experiment recommends doing next. */
public enum Recommendation {
    SCALE, REVISIT, STOP
}

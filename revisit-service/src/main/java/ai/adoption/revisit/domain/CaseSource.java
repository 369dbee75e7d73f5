package ai.adoption.revisit.domain;

/** What put a case on the revisit list: a rejected idea, or an experiment that failed, was inconclusive, was abandoned or recommends a revisit. */
public enum CaseSource {
    REJECTION, EXPERIMENT
}

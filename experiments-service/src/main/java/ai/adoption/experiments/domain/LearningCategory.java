package ai.adoption.experiments.domain;

/** What kind of lesson a learning records. */
public enum LearningCategory {
    WORKED, DID_NOT_WORK, HARD, SURPRISINGLY_EASY, TOOL_PRO, TOOL_CON
}

package ai.adoption.revisit.domain;

/** How a closed case ended. */
public enum Closure {
    REOPENED, DROPPED
}

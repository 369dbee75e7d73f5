package ai.adoption.revisit.domain;

/** Which policy the case's interval comes from. Precedence: CASE over DEPARTMENT over GLOBAL. */
public enum IntervalSource {
    CASE, DEPARTMENT, GLOBAL
}

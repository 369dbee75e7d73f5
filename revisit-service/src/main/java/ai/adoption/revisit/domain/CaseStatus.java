package ai.adoption.revisit.domain;

/** Where a revisit case stands: waiting for its due time, due for re-evaluation, or closed for good. */
public enum CaseStatus {
    SCHEDULED, DUE, CLOSED
}

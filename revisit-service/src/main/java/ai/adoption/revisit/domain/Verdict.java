package ai.adoption.revisit.domain;

/** An ambassador's re-evaluation of a due case. */
public enum Verdict {
    /** Still does not work: notes on what was tried, the next cycle is scheduled. */
    STILL_NOT_FEASIBLE,
    /** Works now: the case closes as reopened and the original idea comes back for a fresh decision. */
    NOW_FEASIBLE,
    /** Not worth revisiting any more: closed with a reason, no more cycles. */
    DROP
}

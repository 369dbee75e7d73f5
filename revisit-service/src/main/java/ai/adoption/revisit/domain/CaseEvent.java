package ai.adoption.revisit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a revisit case. Every event names its case and cycle, so a reader can tell
 * "due for cycle 2" from "due for cycle 1" without looking anything up.
 */
public sealed interface CaseEvent {

    UUID caseId();

    /** The case is on the revisit list; cycle 1 is due at {@code dueAt}. */
    record CaseOpened(UUID caseId, Origin origin, String caseInterval, String interval, IntervalSource intervalSource,
                      Instant openedAt, Instant dueAt) implements CaseEvent {
    }

    /** Cycle {@code cycle} came due: the ambassadors should re-evaluate. Exactly one per (case, cycle). */
    record CaseDue(UUID caseId, int cycle, Instant dueAt, Instant firedAt, String department, String tool, String title,
                   UUID ideaId) implements CaseEvent {
    }

    /** The waiting cycle's due time moved because the policy it follows changed. */
    record CaseRescheduled(UUID caseId, int cycle, String interval, IntervalSource intervalSource, Instant previousDueAt,
                           Instant dueAt) implements CaseEvent {
    }

    /** An ambassador gave the case its own interval; {@code dueAt} is the waiting cycle's new due time (null when not waiting). */
    record CaseIntervalSet(UUID caseId, int cycle, String interval, String setBy, Instant previousDueAt, Instant dueAt)
            implements CaseEvent {
    }

    /** The waiting cycle was made due now (e.g. its tool was approved). */
    record CaseBroughtForward(UUID caseId, int cycle, Instant previousDueAt, Instant dueAt, String requestedBy, String why)
            implements CaseEvent {
    }

    /** Re-evaluated: still not feasible. Cycle {@code nextCycle} is scheduled. */
    record CaseStillNotFeasible(UUID caseId, int cycle, String notes, String evaluatedBy, Instant evaluatedAt, String interval,
                                IntervalSource intervalSource, int nextCycle, Instant nextDueAt) implements CaseEvent {
    }

    /** Re-evaluated: feasible now. The case is closed; experiments-service reopens the idea. */
    record CaseReopened(UUID caseId, int cycle, UUID ideaId, UUID experimentId, String department, String title, String tool,
                        String notes, String evaluatedBy) implements CaseEvent {
    }

    /** Re-evaluated: dropped for good. No more cycles. */
    record CaseDropped(UUID caseId, int cycle, String reason, String droppedBy) implements CaseEvent {
    }
}

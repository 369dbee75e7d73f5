package ai.adoption.contracts;

import ai.adoption.contracts.Vocabulary.CaseSource;
import ai.adoption.contracts.Vocabulary.IntervalSource;

import java.time.Instant;
import java.util.UUID;

import static ai.adoption.contracts.Required.present;

/**
 * The payloads on {@code revisit.case} (key: the case id) and {@code revisit.policy} (key: the
 * department). Intervals are ISO-8601 periods or durations as text.
 */
public final class RevisitEvents {

    private RevisitEvents() {
    }

    /** {@code ai.adoption.revisit.opened.v1}. */
    public record OpenedV1(UUID caseId, Origin origin, String caseInterval, String interval, IntervalSource intervalSource,
                           Instant openedAt, Instant dueAt) {
        public OpenedV1 {
            present(caseId, "caseId");
            present(origin, "origin");
        }
    }

    /**
     * Where a case came from. {@code rejectionReason}, {@code outcome} and {@code recommendation} are
     * the source event's values as text ({@code outcome} may also be {@code ABANDONED}).
     */
    public record Origin(CaseSource source, UUID ideaId, UUID experimentId, String department, String title, String tool,
                         String submitter, String rejectionReason, String outcome, String recommendation, String explanation,
                         String decidedBy, UUID sourceEventId, String sourceEventType) {
    }

    /** {@code ai.adoption.revisit.due.v1}: exactly one per (caseId, cycle). */
    public record DueV1(UUID caseId, int cycle, Instant dueAt, Instant firedAt, String department, String tool, String title,
                        UUID ideaId) {
        public DueV1 {
            present(caseId, "caseId");
        }
    }

    /** {@code ai.adoption.revisit.rescheduled.v1}. */
    public record RescheduledV1(UUID caseId, int cycle, String interval, IntervalSource intervalSource, Instant previousDueAt,
                                Instant dueAt) {
        public RescheduledV1 {
            present(caseId, "caseId");
        }
    }

    /** {@code ai.adoption.revisit.interval-set.v1}; {@code dueAt} null when the case is due. */
    public record IntervalSetV1(UUID caseId, int cycle, String interval, String setBy, Instant previousDueAt, Instant dueAt) {
        public IntervalSetV1 {
            present(caseId, "caseId");
        }
    }

    /** {@code ai.adoption.revisit.brought-forward.v1}. */
    public record BroughtForwardV1(UUID caseId, int cycle, Instant previousDueAt, Instant dueAt, String requestedBy, String why) {
        public BroughtForwardV1 {
            present(caseId, "caseId");
        }
    }

    /** {@code ai.adoption.revisit.still-not-feasible.v1}. */
    public record StillNotFeasibleV1(UUID caseId, int cycle, String notes, String evaluatedBy, Instant evaluatedAt,
                                     String interval, IntervalSource intervalSource, int nextCycle, Instant nextDueAt) {
        public StillNotFeasibleV1 {
            present(caseId, "caseId");
        }
    }

    /** {@code ai.adoption.revisit.reopened.v1}; experiments-service reopens the idea. */
    public record ReopenedV1(UUID caseId, int cycle, UUID ideaId, UUID experimentId, String department, String title,
                             String tool, String notes, String evaluatedBy) {
        public ReopenedV1 {
            present(caseId, "caseId");
            present(ideaId, "ideaId");
        }
    }

    /** {@code ai.adoption.revisit.dropped.v1}. */
    public record DroppedV1(UUID caseId, int cycle, String reason, String droppedBy) {
        public DroppedV1 {
            present(caseId, "caseId");
        }
    }

    /** {@code ai.adoption.revisit-policy.interval-set.v1}; {@code previousInterval} null: the global default applied. */
    public record PolicyIntervalSetV1(String department, String interval, String previousInterval, String setBy, String reason) {
        public PolicyIntervalSetV1 {
            present(department, "department");
        }
    }

    /** {@code ai.adoption.revisit-policy.interval-cleared.v1}. */
    public record PolicyIntervalClearedV1(String department, String previousInterval, String clearedBy, String reason) {
        public PolicyIntervalClearedV1 {
            present(department, "department");
        }
    }
}

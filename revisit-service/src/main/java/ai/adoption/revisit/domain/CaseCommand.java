package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.Actor;

import java.time.Instant;
import java.util.UUID;

/**
 * What can be asked of a revisit case. Times come in the command ({@code now}), never from a clock
 * inside the domain; an interval resolved from the department or global policy is resolved by the
 * application and passed in.
 */
public sealed interface CaseCommand {

    /** A consumed rejection or failed experiment opens a case; cycle 1 starts at {@code startAt}. */
    record OpenCase(UUID caseId, Origin origin, String caseInterval, String resolvedInterval, IntervalSource resolvedSource,
                    Instant startAt) implements CaseCommand {
    }

    /** The scheduler: cycle {@code cycle}'s due time has passed at {@code now}. */
    record MarkDue(int cycle, Instant now) implements CaseCommand {
    }

    /** The department's (or, after it was cleared, the global) interval changed. */
    record ApplyPolicyInterval(String interval, IntervalSource source, Instant now) implements CaseCommand {
    }

    /** An ambassador sets the case's own interval; a waiting case is rescheduled from its cycle's start. */
    record SetCaseInterval(Actor actor, String interval, Instant now) implements CaseCommand {
    }

    /** Something changed for the case's tool (e.g. it was approved): make it due now. An ambassador or admin asks. */
    record BringForward(Actor actor, String why, Instant now) implements CaseCommand {
    }

    /**
     * Governance approved {@code tool}: a waiting case that was rejected because that tool was not
     * approved is made due now. Not a person's request but the system's, on a consumed governance
     * event, so no ambassador check: the approval itself is the authority, and {@code actor} must be a
     * system actor ({@link Access#requireSystem}). A case it does not apply to (another reason or
     * tool, not waiting, already due) decides nothing rather than failing.
     */
    record BringForwardApprovedTool(Actor actor, String tool, String why, Instant now) implements CaseCommand {
    }

    /**
     * An ambassador re-evaluated the due case. For STILL_NOT_FEASIBLE, {@code newInterval} (optional)
     * becomes the case's own interval; otherwise the next cycle uses the case's own interval or
     * {@code resolvedInterval} from the policy.
     */
    record Evaluate(Actor actor, Verdict verdict, String notes, String newInterval, String reason,
                    String resolvedInterval, IntervalSource resolvedSource, Instant now) implements CaseCommand {
    }
}

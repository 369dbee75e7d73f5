package ai.adoption.revisit.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A revisit case's state, folded from its events. {@code cycle} is the current cycle (1 for the
 * first wait after the rejection); {@code cycleStartedAt} is when that wait began, {@code dueAt}
 * when it ends. {@code caseInterval} is the case's own interval, if any; {@code interval} and
 * {@code intervalSource} are what the current cycle was scheduled with.
 */
public record RevisitCase(UUID id, CaseStatus status, Origin origin, int cycle, Instant cycleStartedAt, Instant dueAt,
                          String caseInterval, String interval, IntervalSource intervalSource, Closure closure) {

    public static final RevisitCase NONE = new RevisitCase(null, null, null, 0, null, null, null, null, null, null);

    public boolean exists() {
        return status != null;
    }

    public String department() {
        return origin == null ? null : origin.department();
    }

    /** Whether a department policy change applies to this case: it is waiting and has no interval of its own. */
    public boolean followsDepartmentPolicy() {
        return status == CaseStatus.SCHEDULED && caseInterval == null;
    }

    RevisitCase scheduled(int newCycle, Instant startedAt, Instant newDueAt, String newInterval, IntervalSource source) {
        return new RevisitCase(id, CaseStatus.SCHEDULED, origin, newCycle, startedAt, newDueAt, caseInterval, newInterval, source, null);
    }

    RevisitCase withCaseInterval(String ownInterval) {
        return new RevisitCase(id, status, origin, cycle, cycleStartedAt, dueAt, ownInterval, interval, intervalSource, closure);
    }
}

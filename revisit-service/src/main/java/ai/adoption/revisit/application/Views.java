package ai.adoption.revisit.application;

import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.CaseStatus;
import ai.adoption.revisit.domain.Closure;
import ai.adoption.revisit.domain.IntervalSource;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the read side answers. Field names are the public JSON contract. */
public final class Views {

    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaseView(UUID id, @JsonIgnore long version, CaseStatus status, int cycle, Instant dueAt, Instant dueSince,
                           Instant cycleStartedAt, CaseSource source, UUID ideaId, UUID experimentId, String department,
                           String title, String tool, String submitter, String rejectionReason, String outcome,
                           String recommendation, String explanation, String decidedBy, String caseInterval, String interval,
                           IntervalSource intervalSource, Instant openedAt, Instant updatedAt, Instant closedAt,
                           Closure closure, String closureNote, int evaluations, UUID sourceEventId, String sourceEventType) {

        static CaseView of(CaseRow r) {
            return new CaseView(r.id, r.version, r.status, r.cycle, r.dueAt, r.dueSince, r.cycleStartedAt, r.source, r.ideaId,
                    r.experimentId, r.department, r.title, r.tool, r.submitter, r.rejectionReason, r.outcome, r.recommendation,
                    r.explanation, r.decidedBy, r.caseInterval, r.interval, r.intervalSource, r.openedAt, r.updatedAt,
                    r.closedAt, r.closure, r.closureNote, r.evaluations, r.sourceEventId, r.sourceEventType);
        }
    }

    /** A department's effective revisit interval and where it comes from. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PolicyView(String department, String interval, IntervalSource source, String globalDefault,
                             @JsonIgnore long version, String setBy, Instant setAt, String reason) {
    }

    /** The outcome of a bring-forward: the cases that are due now because of it. */
    public record BroughtForward(String tool, String department, String rejectionReason, int count, List<UUID> caseIds) {
    }

    /** Per-department counts of the revisit list. */
    public record DepartmentCounts(String department, long open, long dueNow, long overdue, long reopened, long dropped) {
    }

    public record Counts(Instant from, Instant to, int overdueAfterDays, List<DepartmentCounts> departments, DepartmentCounts total) {
    }
}

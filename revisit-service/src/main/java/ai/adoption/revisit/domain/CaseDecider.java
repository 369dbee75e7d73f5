package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.revisit.domain.CaseCommand.ApplyPolicyInterval;
import ai.adoption.revisit.domain.CaseCommand.BringForward;
import ai.adoption.revisit.domain.CaseCommand.BringForwardApprovedTool;
import ai.adoption.revisit.domain.CaseCommand.Evaluate;
import ai.adoption.revisit.domain.CaseCommand.MarkDue;
import ai.adoption.revisit.domain.CaseCommand.OpenCase;
import ai.adoption.revisit.domain.CaseCommand.SetCaseInterval;
import ai.adoption.revisit.domain.CaseEvent.CaseBroughtForward;
import ai.adoption.revisit.domain.CaseEvent.CaseDropped;
import ai.adoption.revisit.domain.CaseEvent.CaseDue;
import ai.adoption.revisit.domain.CaseEvent.CaseIntervalSet;
import ai.adoption.revisit.domain.CaseEvent.CaseOpened;
import ai.adoption.revisit.domain.CaseEvent.CaseReopened;
import ai.adoption.revisit.domain.CaseEvent.CaseRescheduled;
import ai.adoption.revisit.domain.CaseEvent.CaseStillNotFeasible;

import java.time.Instant;
import java.util.List;

/**
 * The rules of a revisit case. A case waits (SCHEDULED) for its cycle's due time; then it is DUE,
 * exactly once per cycle; an ambassador of its department (or an admin) re-evaluates it: still not
 * feasible starts the next cycle, now feasible closes it as reopened, drop closes it for good.
 * Missed cycles never pile up: the next cycle only starts after a re-evaluation, so a case that was
 * due during downtime is due once.
 */
public final class CaseDecider implements Decider<CaseCommand, CaseEvent, RevisitCase> {

    private static final String CASE = "revisit case";
    /** The rejection reason a tool approval answers. */
    public static final String TOOL_NOT_APPROVED = "TOOL_NOT_APPROVED";

    @Override
    public RevisitCase initialState() {
        return RevisitCase.NONE;
    }

    @Override
    public List<CaseEvent> decide(CaseCommand command, RevisitCase state) {
        if (command instanceof OpenCase open) {
            return open(open, state);
        }
        if (!state.exists()) {
            throw new IllegalTransition(CASE, "NOT_OPENED", describe(command));
        }
        if (command instanceof MarkDue due) {
            if (state.status() != CaseStatus.SCHEDULED || due.cycle() != state.cycle() || state.dueAt().isAfter(due.now())) {
                return List.of();
            }
            Origin o = state.origin();
            return List.of(new CaseDue(state.id(), state.cycle(), state.dueAt(), due.now(), o.department(), o.tool(), o.title(),
                    o.ideaId()));
        }
        if (command instanceof ApplyPolicyInterval apply) {
            if (!state.followsDepartmentPolicy()) {
                return List.of();
            }
            Interval interval = Interval.of("interval", apply.interval());
            Instant dueAt = interval.addTo(state.cycleStartedAt());
            if (dueAt.equals(state.dueAt()) && apply.source() == state.intervalSource() && interval.text().equals(state.interval())) {
                return List.of();
            }
            return List.of(new CaseRescheduled(state.id(), state.cycle(), interval.text(), apply.source(), state.dueAt(), dueAt));
        }
        if (command instanceof SetCaseInterval set) {
            Access.requireAmbassadorOf(set.actor(), state.department(), "set this case's interval");
            requireOpen(state, "set the interval");
            Interval interval = Interval.of("interval", set.interval());
            if (interval == null) {
                throw new RuleViolation("interval", "interval is required");
            }
            Instant dueAt = state.status() == CaseStatus.SCHEDULED ? interval.addTo(state.cycleStartedAt()) : null;
            return List.of(new CaseIntervalSet(state.id(), state.cycle(), interval.text(), set.actor().subject(),
                    state.status() == CaseStatus.SCHEDULED ? state.dueAt() : null, dueAt));
        }
        if (command instanceof BringForward forward) {
            Access.requireAmbassadorOf(forward.actor(), state.department(), "bring this case forward");
            if (state.status() != CaseStatus.SCHEDULED) {
                throw new IllegalTransition(CASE, state.status().name(), "bring forward");
            }
            if (!state.dueAt().isAfter(forward.now())) {
                return List.of();
            }
            return List.of(new CaseBroughtForward(state.id(), state.cycle(), state.dueAt(), forward.now(),
                    forward.actor().subject(), Text.optional("why", forward.why(), 2000)));
        }
        if (command instanceof BringForwardApprovedTool approved) {
            return approvedTool(approved, state);
        }
        if (command instanceof Evaluate evaluate) {
            return evaluate(evaluate, state);
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<CaseEvent> open(OpenCase open, RevisitCase state) {
        if (state.exists()) {
            throw new IllegalTransition(CASE, state.status().name(), "open");
        }
        Origin origin = open.origin();
        if (origin == null || origin.source() == null) {
            throw new RuleViolation("origin", "origin is required");
        }
        Text.required("department", origin.department(), 100);
        Interval own = Interval.of("revisitAfter", open.caseInterval());
        Interval interval = own != null ? own : Interval.of("interval", open.resolvedInterval());
        if (interval == null) {
            throw new RuleViolation("interval", "an interval is required");
        }
        IntervalSource source = own != null ? IntervalSource.CASE : open.resolvedSource();
        return List.of(new CaseOpened(open.caseId(), origin, own == null ? null : own.text(), interval.text(), source,
                open.startAt(), interval.addTo(open.startAt())));
    }

    private static List<CaseEvent> approvedTool(BringForwardApprovedTool approved, RevisitCase state) {
        Access.requireSystem(approved.actor(), "bring a case forward for an approved tool");
        String tool = Text.required("tool", approved.tool(), 2000);
        Origin o = state.origin();
        if (state.status() != CaseStatus.SCHEDULED || !TOOL_NOT_APPROVED.equals(o.rejectionReason())
                || !sameTool(o.tool(), tool) || !state.dueAt().isAfter(approved.now())) {
            return List.of();
        }
        return List.of(new CaseBroughtForward(state.id(), state.cycle(), state.dueAt(), approved.now(), approved.actor().subject(),
                Text.optional("why", approved.why(), 2000)));
    }

    /** Tool names as people type them: the same tool whatever the case and the blanks, inner ones too ({@link ToolName}). */
    public static boolean sameTool(String a, String b) {
        return ToolName.same(a, b);
    }

    private static List<CaseEvent> evaluate(Evaluate evaluate, RevisitCase state) {
        Access.requireAmbassadorOf(evaluate.actor(), state.department(), "re-evaluate this case");
        if (state.status() != CaseStatus.DUE) {
            throw new IllegalTransition(CASE, state.status().name(), "re-evaluate");
        }
        if (evaluate.verdict() == null) {
            throw new RuleViolation("verdict", "verdict is required");
        }
        String by = evaluate.actor().subject();
        return switch (evaluate.verdict()) {
            case STILL_NOT_FEASIBLE -> {
                String notes = Text.required("notes", evaluate.notes(), 4000);
                Interval own = Interval.of("nextInterval", evaluate.newInterval());
                if (own == null && state.caseInterval() != null) {
                    own = Interval.of("nextInterval", state.caseInterval());
                }
                Interval interval = own != null ? own : Interval.of("interval", evaluate.resolvedInterval());
                IntervalSource source = own != null ? IntervalSource.CASE : evaluate.resolvedSource();
                yield List.of(new CaseStillNotFeasible(state.id(), state.cycle(), notes, by, evaluate.now(), interval.text(), source,
                        state.cycle() + 1, interval.addTo(evaluate.now())));
            }
            case NOW_FEASIBLE -> {
                Origin o = state.origin();
                yield List.of(new CaseReopened(state.id(), state.cycle(), o.ideaId(), o.experimentId(), o.department(), o.title(),
                        o.tool(), Text.optional("notes", evaluate.notes(), 4000), by));
            }
            case DROP -> List.of(new CaseDropped(state.id(), state.cycle(), Text.required("reason", evaluate.reason(), 2000), by));
        };
    }

    @Override
    public RevisitCase evolve(RevisitCase state, CaseEvent event) {
        if (event instanceof CaseOpened e) {
            return new RevisitCase(e.caseId(), CaseStatus.SCHEDULED, e.origin(), 1, e.openedAt(), e.dueAt(), e.caseInterval(),
                    e.interval(), e.intervalSource(), null);
        }
        if (event instanceof CaseDue) {
            return new RevisitCase(state.id(), CaseStatus.DUE, state.origin(), state.cycle(), state.cycleStartedAt(), state.dueAt(),
                    state.caseInterval(), state.interval(), state.intervalSource(), null);
        }
        if (event instanceof CaseRescheduled e) {
            return state.scheduled(state.cycle(), state.cycleStartedAt(), e.dueAt(), e.interval(), e.intervalSource());
        }
        if (event instanceof CaseIntervalSet e) {
            RevisitCase withOwn = state.withCaseInterval(e.interval());
            return e.dueAt() == null ? withOwn
                    : withOwn.scheduled(state.cycle(), state.cycleStartedAt(), e.dueAt(), e.interval(), IntervalSource.CASE);
        }
        if (event instanceof CaseBroughtForward e) {
            return state.scheduled(state.cycle(), state.cycleStartedAt(), e.dueAt(), state.interval(), state.intervalSource());
        }
        if (event instanceof CaseStillNotFeasible e) {
            RevisitCase next = e.intervalSource() == IntervalSource.CASE ? state.withCaseInterval(e.interval()) : state;
            return next.scheduled(e.nextCycle(), e.evaluatedAt(), e.nextDueAt(), e.interval(), e.intervalSource());
        }
        if (event instanceof CaseReopened) {
            return closed(state, Closure.REOPENED);
        }
        if (event instanceof CaseDropped) {
            return closed(state, Closure.DROPPED);
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    private static RevisitCase closed(RevisitCase state, Closure closure) {
        return new RevisitCase(state.id(), CaseStatus.CLOSED, state.origin(), state.cycle(), state.cycleStartedAt(), state.dueAt(),
                state.caseInterval(), state.interval(), state.intervalSource(), closure);
    }

    private static void requireOpen(RevisitCase state, String attempted) {
        if (state.status() == CaseStatus.CLOSED) {
            throw new IllegalTransition(CASE, state.status().name(), attempted);
        }
    }

    private static String describe(CaseCommand command) {
        return command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
}

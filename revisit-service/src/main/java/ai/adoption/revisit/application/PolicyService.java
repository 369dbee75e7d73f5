package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.CommandResult;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.revisit.application.Views.PolicyView;
import ai.adoption.revisit.domain.CaseCommand;
import ai.adoption.revisit.domain.DepartmentPolicy;
import ai.adoption.revisit.domain.IntervalSource;
import ai.adoption.revisit.domain.PolicyCommand;
import ai.adoption.revisit.domain.PolicyEvent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Department revisit policies. A change takes the department's policy lock (cases being opened or
 * re-evaluated with the old interval commit first), commits, and then reschedules every waiting case
 * of that department that follows the department policy (no interval of its own), in chunks of
 * short transactions: its current cycle is due at the cycle's start plus the new interval, at once if
 * that has passed. Cases of other departments, due cases and cases with their own interval are not
 * touched. Each chunk locks its rows first, so the scheduler cannot fire one of them in between. A
 * reschedule cut short (a restart) is finished at the next start ({@link #resumeReschedules}).
 */
@ApplicationScoped
public class PolicyService {

    /** What a policy command answers: the policy now, and whether this created the department's policy stream. */
    public record Changed(PolicyView policy, boolean created, int rescheduled) {
    }

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final IntervalPolicy intervals;
    private final DueSignal signal;
    private final WaitingCases waiting;

    @Inject
    public PolicyService(UnitOfWork unitOfWork, CommandBus bus, IntervalPolicy intervals, DueSignal signal, WaitingCases waiting) {
        this.waiting = waiting;
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.intervals = intervals;
        this.signal = signal;
    }

    public Uni<Changed> handle(String department, ExpectedVersion expected, PolicyCommand command, CommandContext context) {
        AtomicReference<Instant> earliest = new AtomicReference<>();
        return unitOfWork.transact(() -> intervals.lockForChange(department)
                        .chain(() -> bus.loadOrInitial(Aggregates.POLICY, department))
                        .chain(current -> bus.execute(Aggregates.POLICY, current, expected, command, context)))
                .chain(result -> {
                    if (result.events().isEmpty()) {
                        return Uni.createFrom().item(new Changed(view(department, result), false, 0));
                    }
                    return reschedule(department, result.version(), context, earliest)
                            .map(count -> new Changed(view(department, result), result.version() == result.events().size(), count));
                })
                .invoke(() -> signal.scheduled(earliest.get()));
    }

    /**
     * Reschedules what a policy change left undone (the service stopped half-way): every department
     * whose last change's reschedule has not finished. Run at start.
     */
    public Uni<Integer> resumeReschedules(CommandContext context) {
        AtomicReference<Instant> earliest = new AtomicReference<>();
        return unitOfWork.read(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select department, version from revisit_policy where rescheduled_version < version order by department",
                        Object[].class).getResultList()))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(r -> reschedule(Columns.text(r[0]), Columns.longValue(r[1]), context, earliest))
                        .collect().with(Collectors.summingInt(Integer::intValue)))
                .invoke(() -> signal.scheduled(earliest.get()));
    }
    public Uni<PolicyView> get(String department) {
        return Panache.withSession(() -> PolicyRow.<PolicyRow>findById(department)).map(row -> row == null
                ? new PolicyView(department, intervals.globalDefault(), IntervalSource.GLOBAL, intervals.globalDefault(), 0, null, null, null)
                : new PolicyView(department, row.interval != null ? row.interval : intervals.globalDefault(),
                        row.interval != null ? IntervalSource.DEPARTMENT : IntervalSource.GLOBAL, intervals.globalDefault(),
                        row.version, row.setBy, row.setAt, row.reason));
    }

    private PolicyView view(String department, CommandResult<PolicyEvent, DepartmentPolicy> result) {
        DepartmentPolicy state = result.state();
        String by = null;
        String reason = null;
        Instant at = null;
        if (!result.events().isEmpty()) {
            var last = result.events().get(result.events().size() - 1);
            at = last.occurredAt();
            by = last.actor();
            Object payload = last.payload();
            reason = payload instanceof PolicyEvent.DepartmentIntervalSet s ? s.reason()
                    : payload instanceof PolicyEvent.DepartmentIntervalCleared c ? c.reason() : null;
        }
        return new PolicyView(department, state.interval() != null ? state.interval() : intervals.globalDefault(),
                state.interval() != null ? IntervalSource.DEPARTMENT : IntervalSource.GLOBAL, intervals.globalDefault(),
                result.version(), by, at, reason);
    }

    /**
     * After the policy change committed: every waiting case of the department that follows the policy
     * and was scheduled with another interval gets the one that applies now, in chunks
     * ({@link WaitingCases}). Each chunk reads the policy afresh under the department's shared lock, so
     * a later change overtaking this one never has its interval overwritten. Then records that the
     * department's reschedule for {@code version} is done.
     */
    private Uni<Integer> reschedule(String department, long version, CommandContext context, AtomicReference<Instant> earliest) {
        AtomicReference<IntervalPolicy.Resolved> applies = new AtomicReference<>();
        return waiting.inChunks(
                        () -> intervals.forDepartment(department).map(resolved -> {
                            applies.set(resolved);
                            return new WaitingCases.Selection("department = ?3 and case_interval is null "
                                    + "and (interval <> ?4 or interval_source <> ?5)",
                                    List.of(department, resolved.interval(), resolved.source().name()));
                        }),
                        caseId -> bus.execute(Aggregates.CASE, caseId.toString(), ExpectedVersion.ANY,
                                        new CaseCommand.ApplyPolicyInterval(applies.get().interval(), applies.get().source(), context.now()),
                                        context)
                                .map(result -> {
                                    if (result.events().isEmpty()) {
                                        return false;
                                    }
                                    Instant due = result.state().dueAt();
                                    earliest.accumulateAndGet(due, (a, b) -> a == null || b.isBefore(a) ? b : a);
                                    return true;
                                }))
                .chain(changed -> unitOfWork.transact(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                        "update revisit_policy set rescheduled_version = greatest(rescheduled_version, ?2) where department = ?1")
                                .setParameter(1, department)
                                .setParameter(2, version)
                                .executeUpdate()))
                        .replaceWith(changed.size()));
    }
}

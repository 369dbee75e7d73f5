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
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Department revisit policies. Changing one reschedules, in the same transaction, every waiting case
 * of that department that follows the department policy (no interval of its own): its current cycle
 * is due at the cycle's start plus the new interval, at once if that has passed. Cases of other
 * departments, due cases and cases with their own interval are not touched. The affected rows are
 * locked first, so the scheduler cannot fire one of them in between.
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

    @Inject
    public PolicyService(UnitOfWork unitOfWork, CommandBus bus, IntervalPolicy intervals, DueSignal signal) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.intervals = intervals;
        this.signal = signal;
    }

    public Uni<Changed> handle(String department, ExpectedVersion expected, PolicyCommand command, CommandContext context) {
        AtomicReference<Instant> earliest = new AtomicReference<>();
        return unitOfWork.transact(() -> bus.loadOrInitial(Aggregates.POLICY, department)
                        .chain(current -> bus.execute(Aggregates.POLICY, current, expected, command, context))
                        .chain(result -> {
                            if (result.events().isEmpty()) {
                                return Uni.createFrom().item(new Changed(view(department, result), false, 0));
                            }
                            IntervalPolicy.Resolved applies = result.state().interval() != null
                                    ? new IntervalPolicy.Resolved(result.state().interval(), IntervalSource.DEPARTMENT)
                                    : intervals.global();
                            return reschedule(department, applies, context, earliest)
                                    .map(count -> new Changed(view(department, result), result.version() == result.events().size(),
                                            count));
                        }))
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

    private Uni<Integer> reschedule(String department, IntervalPolicy.Resolved applies, CommandContext context,
                                    AtomicReference<Instant> earliest) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select case_id from revisit_case where department = ?1 and status = 'SCHEDULED' "
                                        + "and case_interval is null order by case_id for update", Object.class)
                        .setParameter(1, department)
                        .getResultList())
                .chain(ids -> {
                    int[] changed = {0};
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object id : ids) {
                        String caseId = Columns.uuid(id).toString();
                        chain = chain.chain(() -> bus.execute(Aggregates.CASE, caseId, ExpectedVersion.ANY,
                                        new CaseCommand.ApplyPolicyInterval(applies.interval(), applies.source(), context.now()), context)
                                .invoke(result -> {
                                    if (!result.events().isEmpty()) {
                                        changed[0]++;
                                        Instant due = result.state().dueAt();
                                        earliest.accumulateAndGet(due, (a, b) -> a == null || b.isBefore(a) ? b : a);
                                    }
                                })
                                .replaceWithVoid());
                    }
                    return chain.map(ignored -> changed[0]);
                });
    }
}

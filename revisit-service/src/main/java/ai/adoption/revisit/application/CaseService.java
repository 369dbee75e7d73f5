package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.revisit.application.Views.BroughtForward;
import ai.adoption.revisit.application.Views.CaseView;
import ai.adoption.revisit.domain.Access;
import ai.adoption.revisit.domain.CaseCommand;
import ai.adoption.revisit.domain.CaseDecider;
import ai.adoption.revisit.domain.Origin;
import ai.adoption.revisit.domain.Verdict;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Revisit case commands, each one reactive transaction (a consumer's joins the consumer's own). After
 * a commit that set a due time the scheduler is told ({@link DueSignal}), so it never sleeps past it.
 */
@ApplicationScoped
public class CaseService {

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final IntervalPolicy policy;
    private final RevisitQueries queries;
    private final DueSignal signal;

    @Inject
    public CaseService(UnitOfWork unitOfWork, CommandBus bus, IntervalPolicy policy, RevisitQueries queries, DueSignal signal) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.policy = policy;
        this.queries = queries;
        this.signal = signal;
    }

    /** The case id of the event that causes it: a redelivery under another consumer name still cannot open a second case. */
    public static UUID caseIdFor(UUID sourceEventId) {
        return UUID.nameUUIDFromBytes(("revisit-case:" + sourceEventId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Opens a case for a consumed event, on the consumer's transaction. The due time is {@code startAt} plus the interval. */
    public Uni<Instant> open(Origin origin, String caseInterval, Instant startAt, CommandContext context) {
        UUID caseId = caseIdFor(origin.sourceEventId());
        return policy.forDepartment(origin.department())
                .chain(resolved -> bus.execute(Aggregates.CASE, caseId.toString(), ExpectedVersion.NEW,
                        new CaseCommand.OpenCase(caseId, origin, caseInterval, resolved.interval(), resolved.source(), startAt),
                        context))
                .map(result -> result.state().dueAt())
                .invoke(signal::afterCommitOf);
    }

    public Uni<CaseView> evaluate(UUID caseId, ExpectedVersion expected, Actor actor, Verdict verdict, String notes,
                                  String nextInterval, String reason, CommandContext context) {
        return unitOfWork.transact(() -> bus.load(Aggregates.CASE, caseId.toString())
                        .chain(current -> policy.forDepartment(current.state().department())
                                .chain(resolved -> bus.execute(Aggregates.CASE, current, expected, new CaseCommand.Evaluate(actor, verdict,
                                        notes, nextInterval, reason, resolved.interval(), resolved.source(), context.now()), context)))
                        .chain(() -> queries.one(caseId)))
                .invoke(view -> signal.scheduled(view.status() == ai.adoption.revisit.domain.CaseStatus.SCHEDULED ? view.dueAt() : null));
    }

    public Uni<CaseView> setInterval(UUID caseId, ExpectedVersion expected, String interval, CommandContext context) {
        return unitOfWork.transact(() -> bus.execute(Aggregates.CASE, caseId.toString(), expected,
                                new CaseCommand.SetCaseInterval(context.actor(), interval, context.now()), context)
                        .chain(() -> queries.one(caseId)))
                .invoke(view -> signal.scheduled(view.status() == ai.adoption.revisit.domain.CaseStatus.SCHEDULED ? view.dueAt() : null));
    }

    /**
     * Makes every waiting case of {@code tool} (optionally of one department and rejection reason) due
     * now, in one transaction. An ambassador brings forward the cases of their own department; an admin
     * those of any. The rows are locked first, so the scheduler cannot fire a case in between. The tool
     * matches ignoring case and surrounding blanks.
     */
    public Uni<BroughtForward> bringForward(String tool, String department, String rejectionReason, String why,
                                            CommandContext context) {
        Actor actor = context.actor();
        String scope = department;
        if (!actor.hasRole(Access.ADMIN)) {
            if (actor.department() == null) {
                return Uni.createFrom().failure(new AccessDenied("Your token names no department"));
            }
            if (scope != null && !actor.belongsTo(scope)) {
                return Uni.createFrom().failure(new AccessDenied("Only an ambassador of the " + scope
                        + " department or an admin may bring its cases forward"));
            }
            scope = actor.department();
        }
        String departmentScope = scope;
        return unitOfWork.transact(() -> bringForwardWaiting(tool, departmentScope, rejectionReason,
                        () -> new CaseCommand.BringForward(actor, why, context.now()), context))
                .map(moved -> new BroughtForward(tool, departmentScope, rejectionReason, moved.size(), moved))
                .invoke(result -> signal.scheduled(result.count() > 0 ? context.now() : null));
    }

    /**
     * Governance approved {@code tool}: every waiting case of any department that was rejected because
     * that tool was not approved (tool compared ignoring case and surrounding blanks) is made due now,
     * requested by the context's system actor. Runs on the consumer's transaction; the scheduler is
     * woken after it commits ({@link DueSignal#afterCommitOf}). Returns the cases it moved: a case
     * brought forward or due already is not moved again.
     */
    public Uni<List<UUID>> bringForwardApprovedTool(String tool, String why, CommandContext context) {
        return bringForwardWaiting(tool, null, CaseDecider.TOOL_NOT_APPROVED,
                        () -> new CaseCommand.BringForwardApprovedTool(context.actor(), tool, why, context.now()), context)
                .invoke(moved -> signal.afterCommitOf(moved.isEmpty() ? null : context.now()));
    }

    /**
     * On the current transaction: locks the waiting cases of {@code tool} (optionally of one department
     * and rejection reason) first, so the scheduler cannot fire one in between, then gives each the
     * command; returns those that changed.
     */
    private Uni<List<UUID>> bringForwardWaiting(String tool, String department, String rejectionReason,
                                                Supplier<CaseCommand> command, CommandContext context) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "select case_id from revisit_case where status = 'SCHEDULED' "
                                        + "and lower(btrim(tool, E' \\t\\r\\n')) = lower(btrim(?1, E' \\t\\r\\n')) "
                                        + "and (cast(?2 as text) is null or department = ?2) "
                                        + "and (cast(?3 as text) is null or rejection_reason = ?3) "
                                        + "order by due_at, case_id for update", Object.class)
                        .setParameter(1, tool)
                        .setParameter(2, department)
                        .setParameter(3, rejectionReason)
                        .getResultList())
                .chain(ids -> {
                    List<UUID> moved = new ArrayList<>();
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Object id : ids) {
                        UUID caseId = ai.adoption.eventsourcing.store.Columns.uuid(id);
                        chain = chain.chain(() -> bus.execute(Aggregates.CASE, caseId.toString(), ExpectedVersion.ANY,
                                        command.get(), context)
                                .invoke(result -> {
                                    if (!result.events().isEmpty()) {
                                        moved.add(caseId);
                                    }
                                })
                                .replaceWithVoid());
                    }
                    return chain.map(ignored -> moved);
                });
    }
}

package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.revisit.application.Views.BroughtForward;
import ai.adoption.revisit.application.Views.CaseView;
import ai.adoption.revisit.domain.Access;
import ai.adoption.revisit.domain.CaseCommand;
import ai.adoption.revisit.domain.CaseDecider;
import ai.adoption.revisit.domain.Origin;
import ai.adoption.revisit.domain.ToolName;
import ai.adoption.revisit.domain.Verdict;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

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
    private final ToolApprovals approvals;
    private final WaitingCases waiting;

    @Inject
    public CaseService(UnitOfWork unitOfWork, CommandBus bus, IntervalPolicy policy, RevisitQueries queries, DueSignal signal,
                       ToolApprovals approvals, WaitingCases waiting) {
        this.approvals = approvals;
        this.waiting = waiting;
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

    /**
     * Opens a case for a consumed event, on the consumer's transaction. The due time is {@code startAt}
     * plus the interval; a case rejected because its tool was not approved, for a tool that has been
     * approved since, is brought forward at once.
     */
    public Uni<Instant> open(Origin origin, String caseInterval, Instant startAt, CommandContext context) {
        UUID caseId = caseIdFor(origin.sourceEventId());
        Uni<ToolApprovals.Approval> approval = CaseDecider.TOOL_NOT_APPROVED.equals(origin.rejectionReason())
                ? approvals.approval(origin.tool()) : Uni.createFrom().nullItem();
        return policy.forDepartment(origin.department())
                .chain(resolved -> bus.execute(Aggregates.CASE, caseId.toString(), ExpectedVersion.NEW,
                        new CaseCommand.OpenCase(caseId, origin, caseInterval, resolved.interval(), resolved.source(), startAt),
                        context))
                .chain(opened -> approval.chain(approved -> approved == null ? Uni.createFrom().item(opened)
                        : bus.execute(Aggregates.CASE, opened, new CaseCommand.BringForwardApprovedTool(context.actor(),
                                approved.tool(), approved.why(), context.now()), context)))
                .map(result -> result.state().dueAt())
                .invoke(signal::afterCommitOf);
    }

    /**
     * Re-evaluates a due case. The case's row is locked before its stream is read, as the scheduler's
     * claim locks it before it appends: the two never hold each other's locks (no deadlock, no spurious
     * 503), and the command decides on what the scheduler committed.
     */
    public Uni<CaseView> evaluate(UUID caseId, ExpectedVersion expected, Actor actor, Verdict verdict, String notes,
                                  String nextInterval, String reason, CommandContext context) {
        return unitOfWork.transact(() -> lockCase(caseId)
                        .chain(() -> bus.load(Aggregates.CASE, caseId.toString()))
                        .chain(current -> policy.forDepartment(current.state().department())
                                .chain(resolved -> bus.execute(Aggregates.CASE, current, expected, new CaseCommand.Evaluate(actor, verdict,
                                        notes, nextInterval, reason, resolved.interval(), resolved.source(), context.now()), context)))
                        .chain(() -> queries.one(caseId)))
                .invoke(view -> signal.scheduled(view.status() == ai.adoption.revisit.domain.CaseStatus.SCHEDULED ? view.dueAt() : null));
    }

    public Uni<CaseView> setInterval(UUID caseId, ExpectedVersion expected, String interval, CommandContext context) {
        return unitOfWork.transact(() -> lockCase(caseId)
                        .chain(() -> bus.execute(Aggregates.CASE, caseId.toString(), expected,
                                new CaseCommand.SetCaseInterval(context.actor(), interval, context.now()), context))
                        .chain(() -> queries.one(caseId)))
                .invoke(view -> signal.scheduled(view.status() == ai.adoption.revisit.domain.CaseStatus.SCHEDULED ? view.dueAt() : null));
    }

    /**
     * Makes every waiting case of {@code tool} (optionally of one department and rejection reason) due
     * now. An ambassador brings forward the cases of their own department; an admin those of any. In
     * chunks of short transactions ({@link WaitingCases}), each locking its rows first, so the
     * scheduler cannot fire a case in between; a call cut short is simply made again. The tool matches
     * by {@link ToolName#key} (case and blanks, inner ones too, ignored).
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
        return waiting.inChunks(
                        () -> Uni.createFrom().item(new WaitingCases.Selection(
                                "tool_key = ?3 and (cast(?4 as text) is null or department = ?4) "
                                        + "and (cast(?5 as text) is null or rejection_reason = ?5) and due_at > ?6",
                                java.util.Arrays.<Object>asList(ToolName.key(tool), departmentScope, rejectionReason, Columns.utc(context.now())))),
                        caseId -> bus.execute(Aggregates.CASE, caseId.toString(), ExpectedVersion.ANY,
                                        new CaseCommand.BringForward(actor, why, context.now()), context)
                                .map(result -> !result.events().isEmpty()))
                .map(moved -> new BroughtForward(tool, departmentScope, rejectionReason, moved.size(), moved))
                .invoke(result -> signal.scheduled(result.count() > 0 ? context.now() : null));
    }

    /** Locks the case's read-model row on the current transaction (nothing if there is no such case). */
    private static Uni<Void> lockCase(UUID caseId) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select case_id from revisit_case where case_id = ?1 for update", Object.class)
                        .setParameter(1, caseId)
                        .getResultList())
                .replaceWithVoid();
    }
}

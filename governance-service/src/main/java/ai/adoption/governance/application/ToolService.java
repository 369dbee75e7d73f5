package ai.adoption.governance.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.governance.application.Views.ToolView;
import ai.adoption.governance.domain.ApprovedTool;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.FindingCommand;
import ai.adoption.governance.domain.ToolCommand;
import ai.adoption.governance.domain.ToolPolicy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** The approved-tools list and the findings it raises on ideas. */
@ApplicationScoped
public class ToolService {

    private static final Logger LOG = Logger.getLogger(ToolService.class);

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final int resolveBatch;
    private final Knowledge knowledge;

    @Inject
    public ToolService(UnitOfWork unitOfWork, CommandBus bus, Knowledge knowledge,
                       @ConfigProperty(name = "governance.findings.resolve-batch", defaultValue = "500") int resolveBatch) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.knowledge = knowledge;
        this.resolveBatch = resolveBatch;
    }

    /**
     * Records the approval, and resolves the open findings of ideas that now keep to the list: the first
     * {@code governance.findings.resolve-batch} in the approval's own transaction, the rest after the commit in further
     * transactions of that size, in finding-id order (a failure there is logged; the approval stands, and
     * the findings left open are checked again at the tool's next approval or the idea's next revision).
     */
    public Uni<ToolView> approve(ToolCommand.ApproveTool command, CommandContext context) {
        String id = command.toolId().toString();
        LocalDate on = LocalDate.ofInstant(context.now(), ZoneOffset.UTC);
        AtomicReference<UUID> after = new AtomicReference<>();
        AtomicReference<UUID> lastResolvedLater = new AtomicReference<>();
        return unitOfWork.transact(() -> {
                    after.set(null); // a retried unit of work starts again from the first finding
                    return bus.loadOrInitial(Aggregates.TOOL, id)
                            .chain(current -> bus.execute(Aggregates.TOOL, current, command, context))
                            .chain(() -> resolveByApproval(command.tool(), on, after, new AtomicReference<>(), context));
                })
                .chain(checked -> checked < resolveBatch ? Uni.createFrom().voidItem() : Multi.createBy().repeating()
                        .uni(() -> unitOfWork.transact(() -> resolveByApproval(command.tool(), on, after, lastResolvedLater, context)))
                        .whilst(n -> n == resolveBatch)
                        .collect().last().replaceWithVoid()
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf(failure, "approval of %s: resolving the open findings after %s failed; they are checked again at "
                                    + "the next approval of the tool or revision of the idea", command.tool(), after.get());
                            return null;
                        }))
                // read-your-writes: the gaps see the terms, and the findings page the resolutions (stamped in commit order, so
                // the last transaction's last resolution being stamped means every earlier one is)
                .chain(() -> lastResolvedLater.get() == null ? knowledge.afterCommit(Aggregates.TOOL.name(), id)
                        : knowledge.afterCommit(Aggregates.FINDING.name(), lastResolvedLater.get().toString()))
                .chain(() -> tool(command.toolId()));
    }

    public Uni<ToolView> revoke(UUID toolId, ExpectedVersion expected, ToolCommand.RevokeTool command, CommandContext context) {
        return unitOfWork.transact(() -> bus.execute(Aggregates.TOOL, toolId.toString(), expected, command, context))
                .chain(() -> knowledge.afterCommit(Aggregates.TOOL.name(), toolId.toString()))
                .chain(() -> tool(toolId));
    }

    public Uni<ToolView> tool(UUID id) {
        return Panache.withSession(() -> ToolRow.<ToolRow>findById(id)).map(row -> {
            if (row == null) {
                throw new NotFound("approved tool", id.toString());
            }
            return view(row);
        });
    }

    public Uni<List<ToolView>> tools() {
        return Panache.withSession(() -> ToolRow.<ToolRow>listAll(io.quarkus.panache.common.Sort.by("toolKey")))
                .map(rows -> rows.stream().map(ToolService::view).toList());
    }

    /**
     * On a consumer's transaction: checks an idea's tool and data class against the list on {@code on}; raises a finding (once
     * per causing event) when it breaks it. A revision ({@code department} null: idea.revised does not carry it) takes the
     * department governance learned from the idea's submission, and resolves the idea's open findings first: the revised idea
     * is checked afresh. Answers whether a finding was raised.
     */
    public Uni<Boolean> check(UUID sourceEventId, UUID ideaId, String department, String tool, DataClass dataClass, LocalDate on,
                              CommandContext context) {
        boolean revision = department == null;
        Uni<String> known = revision
                ? Sql.rows("select department, 0 from gov_idea where idea_id = ?1", ideaId)
                        .map(rows -> rows.isEmpty() ? null : Columns.text(rows.get(0)[0]))
                : Uni.createFrom().item(department);
        return known.chain(dept -> {
            if (dept == null) {
                LOG.warnf("idea.revised %s: idea %s was never seen submitted here; its department is unknown, so it is not checked",
                        sourceEventId, ideaId);
                return Uni.createFrom().item(false);
            }
            Uni<Void> remember = Sql.update("insert into gov_idea (idea_id, department, tool, tool_key, data_class, updated_at) "
                    + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (idea_id) do update set tool = excluded.tool, "
                    + "tool_key = excluded.tool_key, data_class = excluded.data_class, updated_at = excluded.updated_at",
                    ideaId, dept, tool.strip(), ApprovedTool.key(tool), dataClass.name(), context.now()).replaceWithVoid();
            Uni<Void> superseded = revision ? resolveOpen(ideaId, "the idea was revised to " + tool.strip() + " with " + dataClass
                    + " data, and checked again", context) : Uni.createFrom().voidItem();
            return remember.chain(() -> superseded).chain(() -> terms(ApprovedTool.key(tool))).chain(terms -> {
                var breach = ToolPolicy.check(tool.strip(), dataClass, terms, on);
                if (breach.isEmpty()) {
                    return Uni.createFrom().item(false);
                }
                UUID findingId = UUID.nameUUIDFromBytes(("finding:" + sourceEventId).getBytes(StandardCharsets.UTF_8));
                var b = breach.get();
                FindingCommand.RaiseFinding raise = new FindingCommand.RaiseFinding(findingId, ideaId, dept, tool.strip(),
                        dataClass, b.kind(), b.allowed(), b.message());
                return bus.loadOrInitial(Aggregates.FINDING, findingId.toString())
                        .chain(current -> bus.execute(Aggregates.FINDING, current, raise, context))
                        .map(result -> !result.events().isEmpty());
            });
        });
    }

    /**
     * On an approval's transaction (or one after it): the next {@code governance.findings.resolve-batch} open findings, after {@code after} in
     * finding-id order, on ideas that use the tool are checked again against the list on {@code on}, and resolved when the
     * idea now keeps to it. Moves {@code after} on; answers how many findings were checked.
     */
    private Uni<Integer> resolveByApproval(String tool, LocalDate on, AtomicReference<UUID> after, AtomicReference<UUID> lastResolved,
                                           CommandContext context) {
        String key = ApprovedTool.key(tool);
        return terms(key).chain(terms -> Sql.rows("select f.finding_id, i.data_class from gov_finding f join gov_idea i "
                        + "on i.idea_id = f.idea_id where i.tool_key = ?1 and f.resolved_at is null "
                        + "and (cast(?2 as uuid) is null or f.finding_id > ?2) order by f.finding_id limit ?3", key, after.get(), resolveBatch)
                .chain(rows -> {
                    List<UUID> resolvable = new ArrayList<>();
                    for (Object[] r : rows) {
                        if (ToolPolicy.check(tool, DataClass.valueOf(Columns.text(r[1])), terms, on).isEmpty()) {
                            resolvable.add(Columns.uuid(r[0]));
                        }
                    }
                    if (!rows.isEmpty()) {
                        after.set(Columns.uuid(rows.get(rows.size() - 1)[0]));
                    }
                    if (!resolvable.isEmpty()) {
                        lastResolved.set(resolvable.get(resolvable.size() - 1));
                    }
                    return resolve(resolvable, tool.strip() + " is approved for the idea's data class from " + on, context)
                            .replaceWith(rows.size());
                }));
    }

    private Uni<Void> resolveOpen(UUID ideaId, String reason, CommandContext context) {
        return Sql.rows("select finding_id, 0 from gov_finding where idea_id = ?1 and resolved_at is null order by finding_id", ideaId)
                .chain(rows -> resolve(rows.stream().map(r -> Columns.uuid(r[0])).toList(), reason, context));
    }

    private Uni<Void> resolve(List<UUID> findings, String reason, CommandContext context) {
        return Multi.createFrom().iterable(findings)
                .onItem().transformToUniAndConcatenate(id -> bus.loadOrInitial(Aggregates.FINDING, id.toString())
                        .chain(current -> bus.execute(Aggregates.FINDING, current, new FindingCommand.ResolveFinding(id, reason), context)))
                .collect().last().replaceWithVoid();
    }

    private Uni<List<ToolPolicy.Term>> terms(String key) {
        return Sql.rows("select allowed, valid_from, valid_until, revoked_on from gov_tool_term where tool_key = ?1 order by recorded_at",
                key).map(rows -> {
                    List<ToolPolicy.Term> terms = new ArrayList<>();
                    for (Object[] r : rows) {
                        terms.add(new ToolPolicy.Term(Sql.strings(r[0]).stream().map(DataClass::valueOf).toList(), Columns.date(r[1]),
                                r[2] == null ? null : Columns.date(r[2]), r[3] == null ? null : Columns.date(r[3])));
                    }
                    return terms;
                });
    }

    private static ToolView view(ToolRow row) {
        return new ToolView(row.id, row.tool, row.vendor, row.allowed, row.validFrom, row.validUntil, row.revokedOn, row.note, row.version);
    }
}

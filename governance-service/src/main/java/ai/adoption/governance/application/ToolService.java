package ai.adoption.governance.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.governance.application.Views.FindingView;
import ai.adoption.governance.application.Views.ToolView;
import ai.adoption.governance.domain.ApprovedTool;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.FindingCommand;
import ai.adoption.governance.domain.FindingKind;
import ai.adoption.governance.domain.ToolCommand;
import ai.adoption.governance.domain.ToolPolicy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The approved-tools list and the findings it raises on ideas. */
@ApplicationScoped
public class ToolService {

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;

    @Inject
    public ToolService(UnitOfWork unitOfWork, CommandBus bus) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
    }

    public Uni<ToolView> approve(ToolCommand.ApproveTool command, CommandContext context) {
        String id = command.toolId().toString();
        return unitOfWork.transact(() -> bus.loadOrInitial(Aggregates.TOOL, id)
                        .chain(current -> bus.execute(Aggregates.TOOL, current, command, context)))
                .chain(() -> tool(command.toolId()));
    }

    public Uni<ToolView> revoke(UUID toolId, ExpectedVersion expected, ToolCommand.RevokeTool command, CommandContext context) {
        return unitOfWork.transact(() -> bus.execute(Aggregates.TOOL, toolId.toString(), expected, command, context))
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

    public Uni<List<FindingView>> findings(UUID ideaId, String department) {
        return Panache.withSession(() -> Sql.rows("select finding_id, idea_id, department, tool, data_class, kind, allowed, message, "
                        + "raised_at from gov_finding where (cast(?1 as uuid) is null or idea_id = ?1) "
                        + "and (cast(?2 as text) is null or department = ?2) order by raised_at desc, finding_id limit 1000", ideaId, department)
                .map(rows -> rows.stream().map(r -> new FindingView(Columns.uuid(r[0]), Columns.uuid(r[1]), Columns.text(r[2]),
                        Columns.text(r[3]), Sql.enumOf(DataClass.class, r[4]), Sql.enumOf(FindingKind.class, r[5]),
                        Sql.strings(r[6]).stream().map(DataClass::valueOf).toList(), Columns.text(r[7]), Columns.instant(r[8])))
                        .toList()));
    }

    /**
     * On a consumer's transaction: checks an idea's tool and data class against the list on
     * {@code on}; raises a finding (once per causing event) when it breaks it. Answers whether it did.
     */
    public Uni<Boolean> check(UUID sourceEventId, UUID ideaId, String department, String tool, DataClass dataClass, LocalDate on,
                              CommandContext context) {
        String key = ApprovedTool.key(tool);
        return Sql.rows("select allowed, valid_from, valid_until, revoked_on from gov_tool_term where tool_key = ?1 order by recorded_at",
                        key)
                .chain(rows -> {
                    List<ToolPolicy.Term> terms = new ArrayList<>();
                    for (Object[] r : rows) {
                        terms.add(new ToolPolicy.Term(Sql.strings(r[0]).stream().map(DataClass::valueOf).toList(), Columns.date(r[1]),
                                r[2] == null ? null : Columns.date(r[2]), r[3] == null ? null : Columns.date(r[3])));
                    }
                    var breach = ToolPolicy.check(tool.strip(), dataClass, terms, on);
                    if (breach.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    UUID findingId = UUID.nameUUIDFromBytes(("finding:" + sourceEventId).getBytes(StandardCharsets.UTF_8));
                    var b = breach.get();
                    FindingCommand.RaiseFinding raise = new FindingCommand.RaiseFinding(findingId, ideaId, department, tool.strip(),
                            dataClass, b.kind(), b.allowed(), b.message());
                    return bus.loadOrInitial(Aggregates.FINDING, findingId.toString())
                            .chain(current -> bus.execute(Aggregates.FINDING, current, raise, context))
                            .map(result -> !result.events().isEmpty());
                });
    }

    private static ToolView view(ToolRow row) {
        return new ToolView(row.id, row.tool, row.vendor, row.allowed, row.validFrom, row.validUntil, row.revokedOn, row.note, row.version);
    }
}

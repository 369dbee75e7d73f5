package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.revisit.domain.CaseCommand;
import ai.adoption.revisit.domain.CaseDecider;
import ai.adoption.revisit.domain.ToolName;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tools governance approved ({@code revisit_approved_tool}, from {@code tool.approved} and
 * {@code tool.approval-revoked}), matched by {@link ToolName#key}:
 * <ul>
 *   <li>an approval is recorded on the consumer's transaction, with its bring-forward pending; after
 *       that commits, {@link #resumePending} brings forward the waiting TOOL_NOT_APPROVED cases of
 *       the tool in chunks ({@link WaitingCases}) and clears the mark. A bring-forward cut short (a
 *       failure, a restart) stays pending and is resumed (next approval, next start), never
 *       dead-lettered;</li>
 *   <li>a case opened later for an approved tool asks {@link #approval} and is due at once.</li>
 * </ul>
 * Both take the tool's advisory lock ({@link Serialisation}): an approval waits for cases being
 * opened, so its bring-forward finds them, and a case opened after it sees the approval.
 */
@ApplicationScoped
public class ToolApprovals {

    private static final Logger LOG = Logger.getLogger(ToolApprovals.class);

    /** An approval in force: the tool as governance named it, and the why a brought-forward case carries. */
    public record Approval(String tool, String why) {
    }

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final WaitingCases waiting;
    private final DueSignal signal;

    @Inject
    public ToolApprovals(UnitOfWork unitOfWork, CommandBus bus, WaitingCases waiting, DueSignal signal) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.waiting = waiting;
        this.signal = signal;
    }

    /** On the consumer's transaction: {@code tool} is approved; its waiting cases are to be brought forward. */
    public Uni<Void> approved(String tool, UUID eventId, String approvedBy, LocalDate validFrom, String why, Instant at) {
        return record(tool, true, eventId, approvedBy, validFrom, why, at);
    }

    /** On the consumer's transaction: {@code tool}'s approval ended; cases opened from now on wait their interval. */
    public Uni<Void> revoked(String tool, UUID eventId, Instant at) {
        return record(tool, false, eventId, null, null, null, at);
    }

    private Uni<Void> record(String tool, boolean approved, UUID eventId, String approvedBy, LocalDate validFrom, String why,
                             Instant at) {
        String key = ToolName.key(tool);
        return Serialisation.exclusive(Serialisation.TOOL, key)
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery("""
                                insert into revisit_approved_tool (tool_key, tool, approved, event_id, approved_by, valid_from, why,
                                                                   changed_at, bring_forward_pending)
                                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?3)
                                on conflict (tool_key) do update set tool = excluded.tool, approved = excluded.approved,
                                    event_id = excluded.event_id, approved_by = excluded.approved_by, valid_from = excluded.valid_from,
                                    why = excluded.why, changed_at = excluded.changed_at,
                                    bring_forward_pending = excluded.bring_forward_pending""")
                        .setParameter(1, key)
                        .setParameter(2, tool.strip())
                        .setParameter(3, approved)
                        .setParameter(4, eventId)
                        .setParameter(5, approvedBy)
                        .setParameter(6, validFrom)
                        .setParameter(7, why)
                        .setParameter(8, Columns.utc(at))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * On the caller's transaction (a case being opened): the approval in force for {@code tool}, or
     * null. Shares the tool's lock until the transaction ends.
     */
    public Uni<Approval> approval(String tool) {
        String key = ToolName.key(tool);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return Serialisation.shared(Serialisation.TOOL, key)
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery("select tool, why from revisit_approved_tool where tool_key = ?1 and approved",
                                Object[].class)
                        .setParameter(1, key)
                        .getResultList())
                .map(rows -> rows.isEmpty() ? null : new Approval(Columns.text(rows.get(0)[0]), Columns.text(rows.get(0)[1])));
    }

    /**
     * Brings forward the waiting cases of every approval whose bring-forward is pending, chunk by chunk,
     * then clears its mark (unless a newer event replaced the row meanwhile). Answers the cases moved.
     */
    public Uni<List<UUID>> resumePending(Instant now) {
        return unitOfWork.read(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                        "select tool_key, tool, why, event_id from revisit_approved_tool where bring_forward_pending order by tool_key",
                        Object[].class).getResultList()))
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(r -> {
                            UUID eventId = Columns.uuid(r[3]);
                            // caused by the approval, as when the consumer brought its cases forward directly
                            CommandContext context = new CommandContext(Actor.system("revisit-service"), eventId.toString(),
                                    eventId.toString(), now);
                            return bringForward(Columns.text(r[0]), Columns.text(r[1]), Columns.text(r[2]), eventId, context);
                        })
                        .collect().with(Collectors.flatMapping(List::stream, Collectors.toList())))
                .invoke(moved -> signal.scheduled(moved.isEmpty() ? null : now));
    }

    private Uni<List<UUID>> bringForward(String key, String tool, String why, UUID eventId, CommandContext context) {
        return waiting.inChunks(
                        () -> Uni.createFrom().item(new WaitingCases.Selection(
                                "tool_key = ?3 and rejection_reason = ?4 and due_at > ?5",
                                List.of(key, CaseDecider.TOOL_NOT_APPROVED, Columns.utc(context.now())))),
                        caseId -> bus.execute(Aggregates.CASE, caseId.toString(), ExpectedVersion.ANY,
                                        new CaseCommand.BringForwardApprovedTool(context.actor(), tool, why, context.now()), context)
                                .map(result -> !result.events().isEmpty()))
                .call(moved -> unitOfWork.transact(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "update revisit_approved_tool set bring_forward_pending = false where tool_key = ?1 and event_id = ?2")
                        .setParameter(1, key)
                        .setParameter(2, eventId)
                        .executeUpdate())))
                .invoke(moved -> LOG.infof("tool %s approved: brought forward %d waiting case(s)", tool, moved.size()));
    }
}

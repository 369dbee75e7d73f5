package ai.adoption.governance.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.governance.application.ScanViews.AnswerView;
import ai.adoption.governance.application.ScanViews.LevelView;
import ai.adoption.governance.application.ScanViews.ScanView;
import ai.adoption.governance.application.ScanViews.TargetsView;
import ai.adoption.governance.domain.ScanCommand;
import ai.adoption.governance.domain.ScanEvent;
import ai.adoption.governance.domain.ScanLevel;
import ai.adoption.governance.domain.ScanTargetCommand;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The AI-scan's commands, each one unit of work through the command bus; the answer is read at the first knowledge point
 * that includes the command's own events (read-your-writes, README "As known at").
 */
@ApplicationScoped
public class ScanService {

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final Knowledge knowledge;
    private final ScanQueries queries;

    @Inject
    public ScanService(UnitOfWork unitOfWork, CommandBus bus, Knowledge knowledge, ScanQueries queries) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.knowledge = knowledge;
        this.queries = queries;
    }

    public Uni<ScanView> open(ScanCommand.OpenScan command, CommandContext context) {
        String id = command.scanId().toString();
        return unitOfWork.transact(() -> bus.execute(Aggregates.SCAN, id, ExpectedVersion.NEW, command, context))
                .chain(() -> knowledge.afterCommit(Aggregates.SCAN.name(), id))
                .chain(knownAt -> queries.scan(command.scanId(), knownAt, command.actor()));
    }

    /** The caller's answer as recorded: {@code first} when it was the person's first, {@code revised} when it replaced an earlier one (the same levels again record nothing). */
    public Uni<AnswerView> answer(ScanCommand.Answer command, CommandContext context) {
        String id = command.scanId().toString();
        return unitOfWork.transact(() -> bus.execute(Aggregates.SCAN, id, ExpectedVersion.ANY, command, context))
                .chain(result -> knowledge.afterCommit(Aggregates.SCAN.name(), id).map(known -> {
                    List<ScanLevel> levels = result.state().answers().get(command.actor().subject());
                    boolean first = result.events().stream().anyMatch(e -> e.payload() instanceof ScanEvent.ScanAnswered);
                    boolean revised = result.events().stream().anyMatch(e -> e.payload() instanceof ScanEvent.AnswerRevised);
                    return new AnswerView(command.scanId(), command.actor().subject(),
                            levels.stream().map(l -> new LevelView(l.dimension(), l.level())).toList(), first, revised);
                }));
    }

    public Uni<ScanView> close(ExpectedVersion expected, ScanCommand.CloseScan command, CommandContext context) {
        String id = command.scanId().toString();
        return unitOfWork.transact(() -> bus.execute(Aggregates.SCAN, id, expected, command, context))
                .chain(() -> knowledge.afterCommit(Aggregates.SCAN.name(), id))
                .chain(knownAt -> queries.scan(command.scanId(), knownAt, command.actor()));
    }

    public Uni<TargetsView> setTargets(ScanTargetCommand.SetTargets command, CommandContext context) {
        String id = command.department();
        return unitOfWork.transact(() -> bus.loadOrInitial(Aggregates.SCAN_TARGET, id)
                        .chain(current -> bus.execute(Aggregates.SCAN_TARGET, current, command, context)))
                .chain(() -> knowledge.afterCommit(Aggregates.SCAN_TARGET.name(), id))
                .chain(knownAt -> queries.targetsView(id, knownAt, command.actor()));
    }
}

package ai.adoption.governance.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.IdempotencyKeys;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.governance.application.Views.PersonRef;
import ai.adoption.governance.application.Views.SystemView;
import ai.adoption.governance.domain.Department;
import ai.adoption.governance.domain.SystemCommand;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * AI-system commands, each one reactive transaction; the answer is the system as of today, read after
 * the commit as known at the first knowledge point that includes the command's events (read-your-writes:
 * {@link Knowledge#afterCommit}); the view echoes that point.
 */
@ApplicationScoped
public class SystemService {

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final IdempotencyKeys idempotency;
    private final People people;
    private final RegisterQueries queries;
    private final Knowledge knowledge;
    private final Clock clock;

    @Inject
    public SystemService(UnitOfWork unitOfWork, CommandBus bus, IdempotencyKeys idempotency, People people, RegisterQueries queries,
                         Knowledge knowledge, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.idempotency = idempotency;
        this.people = people;
        this.queries = queries;
        this.knowledge = knowledge;
        this.clock = clock;
    }

    /** The system id of an experiment's pilot: a redelivered experiment.started cannot register a second system. */
    public static UUID systemIdFor(UUID experimentId) {
        return UUID.nameUUIDFromBytes(("ai-system:experiment:" + experimentId).getBytes(StandardCharsets.UTF_8));
    }

    public Uni<SystemView> register(SystemCommand.RegisterSystem command, List<PersonRef> named, CommandContext context,
                                    IdempotentRequest request) {
        return unitOfWork.transact(() -> idempotency.once(context, "register-ai-system", request, command.systemId().toString(),
                        () -> people.name(named, context).chain(() -> bus.execute(Aggregates.SYSTEM, command.systemId().toString(),
                                ExpectedVersion.NEW, command, context)).map(result -> result.streamId())))
                .chain(outcome -> view(UUID.fromString(outcome.streamId()), 1));
    }

    public Uni<SystemView> handle(UUID systemId, ExpectedVersion expected, SystemCommand command, List<PersonRef> named,
                                  CommandContext context) {
        return unitOfWork.transact(() -> people.name(named, context)
                        .chain(() -> bus.execute(Aggregates.SYSTEM, systemId.toString(), expected, command, context)))
                .chain(result -> view(systemId, result.version()));
    }

    /**
     * On a consumer's transaction: experiment.started. The owner is the department's director in office on the start date (on
     * the department's effective timeline), if governance knows one; otherwise the pilot is registered with an ownership gap.
     */
    public Uni<Void> registerPilot(UUID experimentId, UUID ideaId, String department, String name, String tool, String scope,
                                   ai.adoption.governance.domain.DataClass dataClass, String lead, LocalDate startDate,
                                   CommandContext context) {
        UUID systemId = systemIdFor(experimentId);
        return bus.loadOrInitial(Aggregates.DEPARTMENT, department).map(result -> result.state())
                .chain(dept -> bus.loadOrInitial(Aggregates.SYSTEM, systemId.toString())
                        .chain(current -> bus.execute(Aggregates.SYSTEM, current, pilot(systemId, experimentId, ideaId, department, name,
                                tool, scope, dataClass, lead, dept, startDate), context)))
                .replaceWithVoid();
    }

    /** On a consumer's transaction: an experiment's conclusion or abandonment; a system this service never registered is skipped. */
    public Uni<Boolean> applyOutcome(UUID experimentId, SystemCommand.ApplyExperimentOutcome outcome, CommandContext context) {
        return bus.execute(Aggregates.SYSTEM, systemIdFor(experimentId).toString(), ExpectedVersion.ANY, outcome, context)
                .map(result -> true)
                .onFailure(NotFound.class).recoverWithItem(false);
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private Uni<SystemView> view(UUID systemId, long version) {
        return knowledge.afterCommit(Aggregates.SYSTEM.name(), systemId.toString(), version)
                .chain(knownAt -> queries.system(systemId, today(), knownAt));
    }

    private static SystemCommand.RegisterPilot pilot(UUID systemId, UUID experimentId, UUID ideaId, String department, String name,
                                                     String tool, String scope, ai.adoption.governance.domain.DataClass dataClass,
                                                     String lead, Department dept, LocalDate startDate) {
        return new SystemCommand.RegisterPilot(systemId, experimentId, ideaId, department, name, tool, scope, dataClass, lead,
                startDate == null ? null : dept.directorOn(startDate), startDate);
    }
}

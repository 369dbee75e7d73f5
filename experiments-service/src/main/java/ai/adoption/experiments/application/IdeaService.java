package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.CommandResult;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.IdempotencyKeys;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.experiments.domain.Idea;
import ai.adoption.experiments.domain.IdeaCommand;
import ai.adoption.experiments.domain.IdeaEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Idea commands: each is one transaction that appends events and updates the read models. */
@ApplicationScoped
public class IdeaService {

    private final CommandBus bus;
    private final IdempotencyKeys idempotency;

    @Inject
    public IdeaService(CommandBus bus, IdempotencyKeys idempotency) {
        this.bus = bus;
        this.idempotency = idempotency;
    }

    /** Submits an idea once per Idempotency-Key; a replay returns the first idea's id and version. */
    @Transactional
    public IdempotencyKeys.Outcome submit(IdeaCommand.SubmitIdea command, CommandContext context,
                                          IdempotentRequest request) {
        return idempotency.once(context, "submit-idea", request, () -> {
            CommandResult<IdeaEvent, Idea> result = bus.execute(Aggregates.IDEA, command.ideaId().toString(),
                    ExpectedVersion.NEW, command, context);
            return new IdempotencyKeys.Outcome(result.streamId(), result.version(), false);
        });
    }

    @Transactional
    public long handle(UUID ideaId, ExpectedVersion expected, IdeaCommand command, CommandContext context) {
        return bus.execute(Aggregates.IDEA, ideaId.toString(), expected, command, context).version();
    }
}

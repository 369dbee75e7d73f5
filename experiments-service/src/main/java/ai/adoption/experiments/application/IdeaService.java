package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.IdempotencyKeys;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.experiments.application.Views.IdeaView;
import ai.adoption.experiments.domain.IdeaCommand;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Idea commands: each is one reactive transaction that appends events and updates the read model;
 * it answers with the idea as the read model now holds it, read from the same session.
 */
@ApplicationScoped
public class IdeaService {

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final IdempotencyKeys idempotency;
    private final ExperimentQueries queries;

    @Inject
    public IdeaService(UnitOfWork unitOfWork, CommandBus bus, IdempotencyKeys idempotency, ExperimentQueries queries) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.idempotency = idempotency;
        this.queries = queries;
    }

    /** Submits an idea once per Idempotency-Key; a replay answers with the first idea. */
    public Uni<IdeaView> submit(IdeaCommand.SubmitIdea command, CommandContext context, IdempotentRequest request) {
        String ideaId = command.ideaId().toString();
        return unitOfWork.transact(() -> idempotency.once(context, "submit-idea", request, ideaId,
                        () -> bus.execute(Aggregates.IDEA, ideaId, ExpectedVersion.NEW, command, context))
                .chain(outcome -> queries.idea(UUID.fromString(outcome.streamId()))));
    }

    public Uni<IdeaView> handle(UUID ideaId, ExpectedVersion expected, IdeaCommand command, CommandContext context) {
        return unitOfWork.transact(() -> bus.execute(Aggregates.IDEA, ideaId.toString(), expected, command, context)
                .chain(() -> queries.idea(ideaId)));
    }

    /**
     * A command caused by a consumed event, on the consumer's transaction (whatever it appends commits with
     * the record of the event as processed): {@code false} when this service does not know the idea.
     */
    public Uni<Boolean> applyConsumed(UUID ideaId, IdeaCommand command, CommandContext context) {
        return bus.execute(Aggregates.IDEA, ideaId.toString(), ExpectedVersion.ANY, command, context)
                .map(result -> true)
                .onFailure(NotFound.class).recoverWithItem(false);
    }
}

package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.IdempotencyKeys;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.experiments.application.Views.ExperimentView;
import ai.adoption.experiments.domain.ExperimentCommand;
import ai.adoption.experiments.domain.ExperimentEvent;
import ai.adoption.experiments.domain.FundingCommitment;
import ai.adoption.experiments.domain.IdeaCommand;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Experiment commands. Starting and ending an experiment also record it on the idea, in the same
 * transaction: the idea aggregate is what guarantees at most one running experiment per idea, so two
 * concurrent starts conflict on the idea's stream version and only one succeeds.
 */
@ApplicationScoped
public class ExperimentService {

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final IdempotencyKeys idempotency;
    private final ExperimentQueries queries;

    @Inject
    public ExperimentService(UnitOfWork unitOfWork, CommandBus bus, IdempotencyKeys idempotency, ExperimentQueries queries) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.idempotency = idempotency;
        this.queries = queries;
    }

    /** What a caller supplies to start an experiment; the idea's own facts are looked up here. */
    public record StartRequest(UUID ideaId, String lead, String scope, String tool, LocalDate startDate,
                               LocalDate plannedEndDate, List<String> successCriteria, FundingCommitment businessUnitFunding) {
    }

    public Uni<ExperimentView> start(UUID experimentId, StartRequest request, CommandContext context,
                                     IdempotentRequest idempotent, LocalDate today) {
        return unitOfWork.transact(() -> idempotency.once(context, "start-experiment", idempotent, experimentId.toString(),
                        // the idea stream is loaded once: its state feeds the experiment and its version guards the start
                        () -> bus.load(Aggregates.IDEA, request.ideaId().toString()).chain(idea -> {
                            ExperimentCommand.StartExperiment start = new ExperimentCommand.StartExperiment(experimentId,
                                    request.ideaId(), context.actor(), idea.state().department(), idea.state().title(),
                                    idea.state().dataClassification(), request.lead(), request.scope(), request.tool(), request.startDate(),
                                    request.plannedEndDate(), request.successCriteria(), request.businessUnitFunding());
                            // decide the experiment first: its rules (who may start it, the time box) are the caller's errors
                            return bus.execute(Aggregates.EXPERIMENT, experimentId.toString(), ExpectedVersion.NEW, start, context)
                                    .chain(() -> bus.execute(Aggregates.IDEA, idea,
                                            new IdeaCommand.StartIdeaExperiment(context.actor(), experimentId), context));
                        }))
                .chain(outcome -> queries.experiment(UUID.fromString(outcome.streamId()), today)));
    }

    public Uni<ExperimentView> recordLearning(UUID experimentId, ExpectedVersion expected, ExperimentCommand.RecordLearning command,
                                              CommandContext context, IdempotentRequest idempotent, LocalDate today) {
        return unitOfWork.transact(() -> idempotency.once(context, "record-learning:" + experimentId, idempotent,
                        command.learningId().toString(),
                        () -> bus.execute(Aggregates.EXPERIMENT, experimentId.toString(), expected, command, context))
                .chain(() -> queries.experiment(experimentId, today)));
    }

    /** Concludes or abandons a running experiment and frees its idea for a further experiment. */
    public Uni<ExperimentView> end(UUID experimentId, ExpectedVersion expected, ExperimentCommand command, CommandContext context,
                                   LocalDate today) {
        return unitOfWork.transact(() -> bus.execute(Aggregates.EXPERIMENT, experimentId.toString(), expected, command, context)
                .chain(result -> {
                    String outcome = result.events().get(0).payload() instanceof ExperimentEvent.ExperimentConcluded concluded
                            ? concluded.outcome().name()
                            : "ABANDONED";
                    return bus.execute(Aggregates.IDEA, result.state().ideaId().toString(), ExpectedVersion.ANY,
                            new IdeaCommand.EndIdeaExperiment(context.actor(), experimentId, outcome), context);
                })
                .chain(() -> queries.experiment(experimentId, today)));
    }
}

package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.CommandResult;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.IdempotencyKeys;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.experiments.domain.Experiment;
import ai.adoption.experiments.domain.ExperimentCommand;
import ai.adoption.experiments.domain.ExperimentEvent;
import ai.adoption.experiments.domain.Idea;
import ai.adoption.experiments.domain.IdeaCommand;
import ai.adoption.experiments.domain.IdeaEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

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

    private final CommandBus bus;
    private final IdempotencyKeys idempotency;

    @Inject
    public ExperimentService(CommandBus bus, IdempotencyKeys idempotency) {
        this.bus = bus;
        this.idempotency = idempotency;
    }

    /** What a caller supplies to start an experiment; the idea's own facts are looked up here. */
    public record StartRequest(UUID ideaId, String lead, String scope, String tool, LocalDate startDate,
                               LocalDate plannedEndDate, List<String> successCriteria,
                               ai.adoption.experiments.domain.FundingCommitment businessUnitFunding) {
    }

    @Transactional
    public IdempotencyKeys.Outcome start(UUID experimentId, StartRequest request, CommandContext context,
                                         IdempotentRequest idempotent) {
        return idempotency.once(context, "start-experiment", idempotent, () -> {
            CommandResult<IdeaEvent, Idea> idea = bus.load(Aggregates.IDEA, request.ideaId().toString());
            ExperimentCommand.StartExperiment start = new ExperimentCommand.StartExperiment(experimentId,
                    request.ideaId(), context.actor(), idea.state().department(), idea.state().title(), request.lead(),
                    request.scope(), request.tool(), request.startDate(), request.plannedEndDate(),
                    request.successCriteria(), request.businessUnitFunding());
            // decide the experiment first: its rules (who may start it, the time box) are the caller's errors
            CommandResult<ExperimentEvent, Experiment> experiment = bus.execute(Aggregates.EXPERIMENT,
                    experimentId.toString(), ExpectedVersion.NEW, start, context);
            bus.execute(Aggregates.IDEA, request.ideaId().toString(), ExpectedVersion.ANY,
                    new IdeaCommand.StartIdeaExperiment(context.actor(), experimentId), context);
            return new IdempotencyKeys.Outcome(experiment.streamId(), experiment.version(), false);
        });
    }

    @Transactional
    public IdempotencyKeys.Outcome recordLearning(UUID experimentId, ExpectedVersion expected,
                                                  ExperimentCommand.RecordLearning command, CommandContext context,
                                                  IdempotentRequest idempotent) {
        return idempotency.once(context, "record-learning:" + experimentId, idempotent, () -> {
            CommandResult<ExperimentEvent, Experiment> result = bus.execute(Aggregates.EXPERIMENT, experimentId.toString(),
                    expected, command, context);
            return new IdempotencyKeys.Outcome(command.learningId().toString(), result.version(), false);
        });
    }

    /** Concludes or abandons a running experiment and frees its idea for a further experiment. */
    @Transactional
    public long end(UUID experimentId, ExpectedVersion expected, ExperimentCommand command, CommandContext context) {
        CommandResult<ExperimentEvent, Experiment> result = bus.execute(Aggregates.EXPERIMENT, experimentId.toString(),
                expected, command, context);
        String outcome = result.events().get(0).payload() instanceof ExperimentEvent.ExperimentConcluded concluded
                ? concluded.outcome().name()
                : "ABANDONED";
        bus.execute(Aggregates.IDEA, result.state().ideaId().toString(), ExpectedVersion.ANY,
                new IdeaCommand.EndIdeaExperiment(context.actor(), experimentId, outcome), context);
        return result.version();
    }
}

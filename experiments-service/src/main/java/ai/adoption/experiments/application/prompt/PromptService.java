package ai.adoption.experiments.application.prompt;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.IdempotencyKeys;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.experiments.application.Aggregates;
import ai.adoption.experiments.application.ExperimentRow;
import ai.adoption.experiments.application.LearningRow;
import ai.adoption.experiments.application.prompt.PromptViews.EntryView;
import ai.adoption.experiments.domain.ExperimentStatus;
import ai.adoption.experiments.domain.prompt.PromptCommand;
import ai.adoption.experiments.domain.prompt.PromptContent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Prompt catalogue commands, each one unit of work. Approval reads governance's approved-tools list as this service
 * learned it, in the same transaction, and the decider refuses it when a tool may not be used with the data class.
 */
@ApplicationScoped
public class PromptService {

    private final UnitOfWork unitOfWork;
    private final CommandBus bus;
    private final IdempotencyKeys idempotency;
    private final PromptQueries queries;
    private final ToolTermRows tools;

    @Inject
    public PromptService(UnitOfWork unitOfWork, CommandBus bus, IdempotencyKeys idempotency, PromptQueries queries,
                         ToolTermRows tools) {
        this.unitOfWork = unitOfWork;
        this.bus = bus;
        this.idempotency = idempotency;
        this.queries = queries;
        this.tools = tools;
    }

    /**
     * A new draft; with {@code sourceLearningId} it is promoted from that learning, whose experiment must have concluded
     * (404 for an unknown learning, 409 while its experiment runs or when it was abandoned).
     */
    public Uni<EntryView> draft(UUID entryId, PromptContent content, UUID sourceLearningId, CommandContext context,
                                IdempotentRequest idempotent, LocalDate today) {
        return unitOfWork.transact(() -> idempotency.once(context, "draft-prompt", idempotent, entryId.toString(),
                        () -> source(sourceLearningId).chain(experimentId -> bus.execute(Aggregates.PROMPT, entryId.toString(),
                                ExpectedVersion.NEW, new PromptCommand.DraftPrompt(entryId, context.actor(), content, sourceLearningId,
                                        experimentId), context))))
                .chain(outcome -> queries.entry(UUID.fromString(outcome.streamId()), today));
    }

    private static Uni<UUID> source(UUID learningId) {
        if (learningId == null) {
            return Uni.createFrom().nullItem();
        }
        return LearningRow.<LearningRow>findById(learningId).chain(learning -> {
            if (learning == null) {
                return Uni.createFrom().failure(new NotFound("learning", learningId.toString()));
            }
            return ExperimentRow.<ExperimentRow>findById(learning.experimentId).map(experiment -> {
                if (experiment.status != ExperimentStatus.CONCLUDED) {
                    throw new IllegalTransition("experiment", experiment.status.name(), "promote its learning: only a concluded"
                            + " experiment's learnings become prompt entries");
                }
                return experiment.id;
            });
        });
    }

    public Uni<EntryView> execute(UUID entryId, ExpectedVersion expected, PromptCommand command, CommandContext context,
                                  LocalDate today) {
        return unitOfWork.transact(() -> bus.execute(Aggregates.PROMPT, entryId.toString(), expected, command, context))
                .chain(() -> queries.entry(entryId, today));
    }

    public Uni<EntryView> approve(UUID entryId, ExpectedVersion expected, CommandContext context, LocalDate today) {
        return unitOfWork.transact(() -> bus.load(Aggregates.PROMPT, entryId.toString()).chain(entry -> {
                    var latest = entry.state().latest();
                    return tools.terms(PromptQueries.keysOf(latest.tools())).chain(terms -> bus.execute(Aggregates.PROMPT, entry, expected,
                            new PromptCommand.ApprovePrompt(context.actor(), terms, today), context));
                }))
                .chain(() -> queries.entry(entryId, today));
    }

    public Uni<EntryView> recordUse(UUID entryId, Integer minutesSaved, CommandContext context, IdempotentRequest idempotent,
                                    LocalDate today) {
        return unitOfWork.transact(() -> idempotency.once(context, "try-prompt:" + entryId, idempotent, entryId.toString(),
                        () -> bus.execute(Aggregates.PROMPT, entryId.toString(), ExpectedVersion.ANY,
                                new PromptCommand.RecordPromptUse(context.actor(), minutesSaved), context)))
                .chain(() -> queries.entry(entryId, today));
    }
}

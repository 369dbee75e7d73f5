package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventType;
import ai.adoption.experiments.domain.Experiment;
import ai.adoption.experiments.domain.ExperimentCommand;
import ai.adoption.experiments.domain.ExperimentDecider;
import ai.adoption.experiments.domain.ExperimentEvent;
import ai.adoption.experiments.domain.Idea;
import ai.adoption.experiments.domain.IdeaCommand;
import ai.adoption.experiments.domain.IdeaDecider;
import ai.adoption.experiments.domain.IdeaEvent;
import ai.adoption.experiments.domain.prompt.PromptCommand;
import ai.adoption.experiments.domain.prompt.PromptDecider;
import ai.adoption.experiments.domain.prompt.PromptEntry;
import ai.adoption.experiments.domain.prompt.PromptEvent;

/**
 * The aggregates of experiments-service and the stored names of their events. A name and schema
 * version, once published, never changes meaning: a new payload shape gets a new version.
 * Topics: {@code <prefix>.idea}, {@code <prefix>.experiment} and {@code <prefix>.prompt}.
 */
public final class Aggregates {

    public static final AggregateType<IdeaCommand, IdeaEvent, Idea> IDEA = AggregateType.of("idea", new IdeaDecider(),
            new EventType("idea.submitted", 1, IdeaEvent.IdeaSubmitted.class),
            new EventType("idea.revised", 1, IdeaEvent.IdeaRevised.class),
            new EventType("idea.withdrawn", 1, IdeaEvent.IdeaWithdrawn.class),
            new EventType("idea.approved", 1, IdeaEvent.IdeaApproved.class),
            new EventType("idea.rejected", 1, IdeaEvent.IdeaRejected.class),
            new EventType("idea.experiment-started", 1, IdeaEvent.IdeaExperimentStarted.class),
            new EventType("idea.experiment-ended", 1, IdeaEvent.IdeaExperimentEnded.class),
            new EventType("idea.reopened", 1, IdeaEvent.IdeaReopened.class),
            new EventType("idea.finding-recorded", 1, IdeaEvent.IdeaFindingRecorded.class),
            new EventType("idea.finding-resolved", 1, IdeaEvent.IdeaFindingResolved.class));

    public static final AggregateType<ExperimentCommand, ExperimentEvent, Experiment> EXPERIMENT = AggregateType.of("experiment",
            new ExperimentDecider(),
            new EventType("experiment.started", 1, ExperimentEvent.ExperimentStarted.class),
            new EventType("experiment.learning-recorded", 1, ExperimentEvent.LearningRecorded.class),
            new EventType("experiment.concluded", 1, ExperimentEvent.ExperimentConcluded.class),
            new EventType("experiment.abandoned", 1, ExperimentEvent.ExperimentAbandoned.class));

    /** The prompt catalogue (docs/events.md, "Prompt catalogue events"). */
    public static final AggregateType<PromptCommand, PromptEvent, PromptEntry> PROMPT = AggregateType.of("prompt", new PromptDecider(),
            new EventType("prompt.drafted", 1, PromptEvent.PromptDrafted.class),
            new EventType("prompt.revised", 1, PromptEvent.PromptRevised.class),
            new EventType("prompt.submitted-for-review", 1, PromptEvent.PromptSubmittedForReview.class),
            new EventType("prompt.approved", 1, PromptEvent.PromptApproved.class),
            new EventType("prompt.deprecated", 1, PromptEvent.PromptDeprecated.class),
            new EventType("prompt.tried", 1, PromptEvent.PromptTried.class));

    private Aggregates() {
    }
}

package ai.adoption.experiments.domain.prompt;

import ai.adoption.eventsourcing.core.Actor;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What can be asked of a prompt entry. The actor always comes from the caller's token. */
public sealed interface PromptCommand {

    Actor actor();

    /**
     * A new entry, version 1 in DRAFT, in the author's department. {@code sourceLearningId} and
     * {@code sourceExperimentId} name the learning of a concluded experiment it was promoted from, or are null.
     */
    record DraftPrompt(UUID entryId, Actor actor, PromptContent content, UUID sourceLearningId, UUID sourceExperimentId)
            implements PromptCommand {
    }

    /** A new version in DRAFT; an approved version stays served until a newer one is approved. */
    record RevisePrompt(Actor actor, PromptContent content) implements PromptCommand {
    }

    record SubmitPromptForReview(Actor actor) implements PromptCommand {
    }

    /**
     * Approves the version in review. {@code terms}: governance's approvals of the version's tools as this service
     * knows them (tool key to approvals, oldest first), checked on {@code today}.
     */
    record ApprovePrompt(Actor actor, Map<String, List<ToolTerms.Term>> terms, LocalDate today) implements PromptCommand {
        public ApprovePrompt {
            terms = Map.copyOf(terms);
        }
    }

    record DeprecatePrompt(Actor actor, String reason) implements PromptCommand {
    }

    /** "I tried it": the served version was used, optionally saving some minutes. */
    record RecordPromptUse(Actor actor, Integer minutesSaved) implements PromptCommand {
    }
}

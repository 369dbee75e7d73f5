package ai.adoption.experiments.domain.prompt;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.experiments.domain.prompt.PromptCommand.ApprovePrompt;
import ai.adoption.experiments.domain.prompt.PromptCommand.DeprecatePrompt;
import ai.adoption.experiments.domain.prompt.PromptCommand.DraftPrompt;
import ai.adoption.experiments.domain.prompt.PromptCommand.RecordPromptUse;
import ai.adoption.experiments.domain.prompt.PromptCommand.RevisePrompt;
import ai.adoption.experiments.domain.prompt.PromptCommand.SubmitPromptForReview;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptApproved;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptDeprecated;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptDrafted;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptRevised;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptSubmittedForReview;
import ai.adoption.experiments.domain.prompt.PromptEvent.PromptTried;

import java.util.List;

/**
 * The prompt catalogue's rules. Anyone with a department drafts an entry for it; its author, an ambassador of
 * its department or an admin revises it and sends it to review; an ambassador of its department or an admin
 * approves it, and only when governance's approved-tools list allows every tool of the version with its data
 * class; they also deprecate it. Revising an approved entry starts a new version while the approved one stays
 * served; approving that version supersedes the old one. Every version is kept.
 */
public final class PromptDecider implements Decider<PromptCommand, PromptEvent, PromptEntry> {

    public static final String AMBASSADOR = "ambassador";
    public static final String ADMIN = "admin";
    /** A use that "saved" more than a working day is a typo, not a measurement. */
    public static final int MAX_MINUTES_SAVED = 480;
    private static final String ENTRY = "prompt entry";

    @Override
    public PromptEntry initialState() {
        return PromptEntry.NONE;
    }

    @Override
    public List<PromptEvent> decide(PromptCommand command, PromptEntry entry) {
        if (command instanceof DraftPrompt draft) {
            if (entry.exists()) {
                throw new IllegalTransition(ENTRY, entry.status().name(), "draft it again");
            }
            Actor actor = draft.actor();
            if (actor.department() == null || actor.department().isBlank()) {
                throw new AccessDenied("Drafting a prompt entry needs a department claim in the token");
            }
            PromptContent c = draft.content().validated();
            return List.of(new PromptDrafted(draft.entryId(), 1, actor.department(), actor.subject(), c.useCase(),
                    c.businessFunction(), c.text(), c.variables(), c.exampleOutput(), c.tools(), c.maxDataClass(),
                    draft.sourceLearningId(), draft.sourceExperimentId()));
        }
        if (!entry.exists()) {
            throw new IllegalTransition(ENTRY, "NOT_DRAFTED", "change it");
        }
        if (entry.deprecated()) {
            throw new IllegalTransition(ENTRY, PromptStatus.DEPRECATED.name(), verb(command));
        }
        if (command instanceof RevisePrompt revise) {
            requireAuthorOrSteward(entry, revise.actor(), "revise");
            PromptContent c = revise.content().validated();
            return List.of(new PromptRevised(entry.id(), entry.latestVersion() + 1, entry.department(), revise.actor().subject(),
                    c.useCase(), c.businessFunction(), c.text(), c.variables(), c.exampleOutput(), c.tools(), c.maxDataClass()));
        }
        if (command instanceof SubmitPromptForReview submit) {
            requireLatest(entry, PromptStatus.DRAFT, "send to review");
            requireAuthorOrSteward(entry, submit.actor(), "send to review");
            return List.of(new PromptSubmittedForReview(entry.id(), entry.latestVersion(), entry.department(),
                    submit.actor().subject()));
        }
        if (command instanceof ApprovePrompt approve) {
            requireSteward(entry, approve.actor(), "approve");
            requireLatest(entry, PromptStatus.IN_REVIEW, "approve");
            PromptContent version = entry.latest();
            ToolTerms.check(version.tools(), version.maxDataClass(), approve.terms(), approve.today()).ifPresent(breach -> {
                throw new ToolNotAllowed(breach);
            });
            return List.of(new PromptApproved(entry.id(), entry.latestVersion(), entry.department(), approve.actor().subject(),
                    version.tools(), version.maxDataClass(), entry.servedVersion()));
        }
        if (command instanceof DeprecatePrompt deprecate) {
            requireSteward(entry, deprecate.actor(), "deprecate");
            String reason = deprecate.reason() == null || deprecate.reason().isBlank() ? null : deprecate.reason().strip();
            if (reason != null && reason.length() > 2000) {
                throw new RuleViolation("reason", "reason must be at most 2000 characters");
            }
            return List.of(new PromptDeprecated(entry.id(), entry.department(), deprecate.actor().subject(), reason));
        }
        if (command instanceof RecordPromptUse use) {
            if (entry.servedVersion() == 0) {
                throw new IllegalTransition(ENTRY, entry.status().name(), "try it: no version is approved yet");
            }
            Integer minutes = use.minutesSaved();
            if (minutes != null && (minutes < 0 || minutes > MAX_MINUTES_SAVED)) {
                throw new RuleViolation("minutesSaved", "minutesSaved must be between 0 and " + MAX_MINUTES_SAVED);
            }
            return List.of(new PromptTried(entry.id(), entry.servedVersion(), entry.department(), use.actor().subject(), minutes));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    @Override
    public PromptEntry evolve(PromptEntry entry, PromptEvent event) {
        if (event instanceof PromptDrafted e) {
            return new PromptEntry(e.entryId(), e.department(), e.author(), e.version(), PromptStatus.DRAFT, 0, false,
                    new PromptContent(e.useCase(), e.businessFunction(), e.text(), e.variables(), e.exampleOutput(), e.tools(),
                            e.maxDataClass()));
        }
        if (event instanceof PromptRevised e) {
            return entry.withLatest(e.version(), PromptStatus.DRAFT, new PromptContent(e.useCase(), e.businessFunction(),
                    e.text(), e.variables(), e.exampleOutput(), e.tools(), e.maxDataClass()));
        }
        if (event instanceof PromptSubmittedForReview) {
            return entry.withLatestStatus(PromptStatus.IN_REVIEW);
        }
        if (event instanceof PromptApproved e) {
            return entry.served(e.version());
        }
        if (event instanceof PromptDeprecated) {
            return entry.deprecatedEntry();
        }
        if (event instanceof PromptTried) {
            return entry;
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    private static void requireLatest(PromptEntry entry, PromptStatus expected, String attempted) {
        if (entry.latestStatus() != expected) {
            throw new IllegalTransition(ENTRY, "version " + entry.latestVersion() + " " + entry.latestStatus(), attempted);
        }
    }

    private static boolean steward(PromptEntry entry, Actor actor) {
        return actor.hasRole(ADMIN) || (actor.hasRole(AMBASSADOR) && actor.belongsTo(entry.department()));
    }

    private static void requireSteward(PromptEntry entry, Actor actor, String attempted) {
        if (!steward(entry, actor)) {
            throw new AccessDenied("Only an ambassador of the " + entry.department() + " department or an admin may " + attempted
                    + " its prompt entries");
        }
    }

    private static void requireAuthorOrSteward(PromptEntry entry, Actor actor, String attempted) {
        if (!actor.subject().equals(entry.author()) && !steward(entry, actor)) {
            throw new AccessDenied("Only the author, an ambassador of the " + entry.department() + " department or an admin may "
                    + attempted + " this prompt entry");
        }
    }

    private static String verb(PromptCommand command) {
        if (command instanceof RevisePrompt) {
            return "revise";
        }
        if (command instanceof SubmitPromptForReview) {
            return "send to review";
        }
        if (command instanceof ApprovePrompt) {
            return "approve";
        }
        if (command instanceof DeprecatePrompt) {
            return "deprecate";
        }
        return "try it";
    }
}

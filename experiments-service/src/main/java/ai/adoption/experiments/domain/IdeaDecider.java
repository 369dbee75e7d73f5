package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.experiments.domain.IdeaCommand.ApproveIdea;
import ai.adoption.experiments.domain.IdeaCommand.EndIdeaExperiment;
import ai.adoption.experiments.domain.IdeaCommand.RecordFinding;
import ai.adoption.experiments.domain.IdeaCommand.RejectIdea;
import ai.adoption.experiments.domain.IdeaCommand.ReopenIdea;
import ai.adoption.experiments.domain.IdeaCommand.ReviseIdea;
import ai.adoption.experiments.domain.IdeaCommand.StartIdeaExperiment;
import ai.adoption.experiments.domain.IdeaCommand.SubmitIdea;
import ai.adoption.experiments.domain.IdeaCommand.WithdrawIdea;
import ai.adoption.experiments.domain.IdeaEvent.IdeaApproved;
import ai.adoption.experiments.domain.IdeaEvent.IdeaExperimentEnded;
import ai.adoption.experiments.domain.IdeaEvent.IdeaExperimentStarted;
import ai.adoption.experiments.domain.IdeaEvent.IdeaFindingRecorded;
import ai.adoption.experiments.domain.IdeaEvent.IdeaRejected;
import ai.adoption.experiments.domain.IdeaEvent.IdeaReopened;
import ai.adoption.experiments.domain.IdeaEvent.IdeaRevised;
import ai.adoption.experiments.domain.IdeaEvent.IdeaSubmitted;
import ai.adoption.experiments.domain.IdeaEvent.IdeaWithdrawn;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The idea's rules. An employee submits an idea for their own department; while it is undecided
 * only its submitter may revise or withdraw it; an approver of the same department approves or
 * rejects it; an approved idea runs at most one experiment at a time.
 */
public final class IdeaDecider implements Decider<IdeaCommand, IdeaEvent, Idea> {

    public static final String APPROVER = "approver";
    public static final String ADMIN = "admin";

    @Override
    public Idea initialState() {
        return Idea.NONE;
    }

    @Override
    public List<IdeaEvent> decide(IdeaCommand command, Idea idea) {
        if (command instanceof SubmitIdea submit) {
            return submit(submit, idea);
        }
        if (!idea.exists()) {
            throw new IllegalTransition("idea", "NOT_SUBMITTED", describe(command));
        }
        if (command instanceof ReviseIdea revise) {
            requireUndecided(idea, "revise");
            requireSubmitter(idea, revise.actor(), "revise");
            return List.of(new IdeaRevised(idea.id(), Rules.text("title", revise.title(), 200),
                    Rules.text("problem", revise.problem(), 4000), Rules.text("aiTool", revise.aiTool(), 200),
                    Rules.required("dataClassification", revise.dataClassification()),
                    Rules.required("benefitCategory", revise.benefitCategory())));
        }
        if (command instanceof WithdrawIdea withdraw) {
            requireUndecided(idea, "withdraw");
            requireSubmitter(idea, withdraw.actor(), "withdraw");
            return List.of(new IdeaWithdrawn(idea.id(), withdraw.reason()));
        }
        if (command instanceof ApproveIdea approve) {
            requireUndecided(idea, "approve");
            requireApproverOf(idea, approve.actor());
            if (approve.funding() != null) {
                Rules.notNegative("funding.centralBudgetAmount", approve.funding().centralBudgetAmount());
            }
            return List.of(new IdeaApproved(idea.id(), idea.department(), approve.actor().subject(), approve.funding(), approve.comment()));
        }
        if (command instanceof RejectIdea reject) {
            requireUndecided(idea, "reject");
            requireApproverOf(idea, reject.actor());
            Rules.required("reason", reject.reason());
            String revisitAfter = Rules.revisitInterval("revisitAfter", reject.revisitAfter());
            return List.of(new IdeaRejected(idea.id(), idea.department(), reject.actor().subject(), idea.submitter(),
                    idea.title(), idea.aiTool(), reject.reason(), Rules.text("explanation", reject.explanation(), 4000),
                    revisitAfter));
        }
        if (command instanceof ReopenIdea reopen) {
            // a rejected idea, or an approved one whose experiment failed, was abandoned or recommends a revisit
            if (idea.status() != IdeaStatus.REJECTED && idea.status() != IdeaStatus.APPROVED) {
                throw new IllegalTransition("idea", idea.status().name(), "reopen");
            }
            return List.of(new IdeaReopened(idea.id(), idea.department(), Rules.required("revisitCaseId", reopen.revisitCaseId()),
                    reopen.cycle(), idea.status().name(), reopen.notes(), reopen.reopenedBy()));
        }
        if (command instanceof RecordFinding finding) {
            // information for the approver in any status; governance may raise the same finding again
            UUID findingId = Rules.required("findingId", finding.findingId());
            if (idea.hasFinding(findingId)) {
                return List.of();
            }
            List<DataClassification> allowed = finding.allowedDataClasses() == null
                    ? List.of() : List.copyOf(finding.allowedDataClasses());
            return List.of(new IdeaFindingRecorded(idea.id(), findingId, Rules.required("kind", finding.kind()),
                    Rules.optionalText("tool", finding.tool(), 200), finding.dataClassification(), allowed,
                    Rules.optionalText("message", finding.message(), 4000)));
        }
        if (command instanceof IdeaCommand.ResolveFinding resolve) {
            // a finding this idea never recorded, or one already resolved: nothing to show
            UUID findingId = Rules.required("findingId", resolve.findingId());
            if (!idea.hasFinding(findingId) || idea.hasResolvedFinding(findingId)) {
                return List.of();
            }
            return List.of(new IdeaEvent.IdeaFindingResolved(idea.id(), findingId, Rules.optionalText("reason", resolve.reason(), 4000)));
        }
        if (command instanceof StartIdeaExperiment start) {
            if (idea.status() != IdeaStatus.APPROVED) {
                throw new IllegalTransition("idea", idea.status().name(), "start an experiment");
            }
            return List.of(new IdeaExperimentStarted(idea.id(), start.experimentId()));
        }
        if (command instanceof EndIdeaExperiment end) {
            if (idea.status() != IdeaStatus.IN_EXPERIMENT || !end.experimentId().equals(idea.runningExperiment())) {
                throw new IllegalTransition("idea", idea.status().name(), "end experiment " + end.experimentId());
            }
            return List.of(new IdeaExperimentEnded(idea.id(), end.experimentId(), end.result()));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<IdeaEvent> submit(SubmitIdea submit, Idea idea) {
        if (idea.exists()) {
            throw new IllegalTransition("idea", idea.status().name(), "submit");
        }
        if (submit.actor().department() == null) {
            throw new AccessDenied("Your token names no department: ideas are submitted for the department you belong to");
        }
        String department = Rules.text("department", submit.department(), 100);
        if (!submit.actor().belongsTo(department)) {
            throw new AccessDenied("Ideas are submitted for your own department (" + submit.actor().department() + ")");
        }
        return List.of(new IdeaSubmitted(Rules.required("ideaId", submit.ideaId()), submit.actor().subject(),
                Rules.text("title", submit.title(), 200), Rules.text("problem", submit.problem(), 4000),
                Rules.text("aiTool", submit.aiTool(), 200), Rules.required("dataClassification", submit.dataClassification()),
                Rules.required("benefitCategory", submit.benefitCategory()), department));
    }

    @Override
    public Idea evolve(Idea idea, IdeaEvent event) {
        if (event instanceof IdeaSubmitted e) {
            return new Idea(e.ideaId(), IdeaStatus.SUBMITTED, e.submitter(), e.department(), e.title(), e.aiTool(),
                    e.dataClassification(), null, Set.of(), Set.of());
        }
        if (event instanceof IdeaRevised e) {
            return idea.revised(e.title(), e.aiTool(), e.dataClassification());
        }
        if (event instanceof IdeaWithdrawn) {
            return idea.with(IdeaStatus.WITHDRAWN);
        }
        if (event instanceof IdeaApproved) {
            return idea.with(IdeaStatus.APPROVED);
        }
        if (event instanceof IdeaRejected) {
            return idea.with(IdeaStatus.REJECTED);
        }
        if (event instanceof IdeaReopened) {
            return idea.with(IdeaStatus.SUBMITTED);
        }
        if (event instanceof IdeaFindingRecorded e) {
            return idea.withFinding(e.findingId());
        }
        if (event instanceof IdeaEvent.IdeaFindingResolved e) {
            return idea.withResolvedFinding(e.findingId());
        }
        if (event instanceof IdeaExperimentStarted e) {
            return idea.withExperiment(IdeaStatus.IN_EXPERIMENT, e.experimentId());
        }
        if (event instanceof IdeaExperimentEnded) {
            return idea.withExperiment(IdeaStatus.APPROVED, null);
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    private static void requireUndecided(Idea idea, String attempted) {
        if (idea.status() != IdeaStatus.SUBMITTED) {
            throw new IllegalTransition("idea", idea.status().name(), attempted);
        }
    }

    private static void requireSubmitter(Idea idea, Actor actor, String attempted) {
        if (!actor.subject().equals(idea.submitter())) {
            throw new AccessDenied("Only the submitter may " + attempted + " this idea");
        }
    }

    private static void requireApproverOf(Idea idea, Actor actor) {
        if (!actor.hasRole(APPROVER) || !actor.belongsTo(idea.department())) {
            throw new AccessDenied("Only an approver of the " + idea.department() + " department may decide on this idea");
        }
    }

    private static String describe(IdeaCommand command) {
        return command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }
}

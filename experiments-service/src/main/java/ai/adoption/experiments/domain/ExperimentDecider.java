package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.experiments.domain.ExperimentCommand.AbandonExperiment;
import ai.adoption.experiments.domain.ExperimentCommand.ConcludeExperiment;
import ai.adoption.experiments.domain.ExperimentCommand.RecordLearning;
import ai.adoption.experiments.domain.ExperimentCommand.StartExperiment;
import ai.adoption.experiments.domain.ExperimentEvent.ExperimentAbandoned;
import ai.adoption.experiments.domain.ExperimentEvent.ExperimentConcluded;
import ai.adoption.experiments.domain.ExperimentEvent.ExperimentStarted;
import ai.adoption.experiments.domain.ExperimentEvent.LearningRecorded;

import java.util.ArrayList;
import java.util.List;

/**
 * The experiment's rules. It starts in a limited scope with a lead, a time box, success criteria
 * and the business unit's funding commitment; while it runs, participants record learnings; it
 * ends exactly once, concluded with an outcome and a recommendation, or abandoned with a reason.
 */
public final class ExperimentDecider implements Decider<ExperimentCommand, ExperimentEvent, Experiment> {

    public static final int MAX_SUCCESS_CRITERIA = 20;

    @Override
    public Experiment initialState() {
        return Experiment.NONE;
    }

    @Override
    public List<ExperimentEvent> decide(ExperimentCommand command, Experiment experiment) {
        if (command instanceof StartExperiment start) {
            return start(start, experiment);
        }
        if (!experiment.exists()) {
            throw new IllegalTransition("experiment", "NOT_STARTED", "change it");
        }
        if (command instanceof RecordLearning learning) {
            requireRunning(experiment, "record a learning");
            if (!isLead(experiment, learning.actor()) && !learning.actor().belongsTo(experiment.department())
                    && !learning.actor().hasRole(IdeaDecider.ADMIN)) {
                throw new AccessDenied("Only the lead or members of the " + experiment.department()
                        + " department record learnings of this experiment");
            }
            return List.of(new LearningRecorded(experiment.id(), Rules.required("learningId", learning.learningId()),
                    Rules.required("category", learning.category()), Rules.text("text", learning.text(), 4000),
                    learning.actor().subject()));
        }
        if (command instanceof ConcludeExperiment conclude) {
            requireRunning(experiment, "conclude");
            requireLeadOrApprover(experiment, conclude.actor(), "conclude");
            return List.of(new ExperimentConcluded(experiment.id(), experiment.ideaId(), experiment.department(),
                    experiment.title(), experiment.tool(), Rules.required("outcome", conclude.outcome()),
                    Rules.required("recommendation", conclude.recommendation()),
                    Rules.text("summary", conclude.summary(), 8000), conclude.actor().subject()));
        }
        if (command instanceof AbandonExperiment abandon) {
            requireRunning(experiment, "abandon");
            requireLeadOrApprover(experiment, abandon.actor(), "abandon");
            return List.of(new ExperimentAbandoned(experiment.id(), experiment.ideaId(), experiment.department(),
                    experiment.title(), experiment.tool(), Rules.text("reason", abandon.reason(), 4000), abandon.actor().subject()));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<ExperimentEvent> start(StartExperiment start, Experiment experiment) {
        if (experiment.exists()) {
            throw new IllegalTransition("experiment", experiment.status().name(), "start");
        }
        Actor actor = start.actor();
        boolean approverOfDepartment = actor.hasRole(IdeaDecider.APPROVER) && actor.belongsTo(start.department());
        if (!approverOfDepartment && !actor.hasRole(IdeaDecider.ADMIN)) {
            throw new AccessDenied("Only an approver of the " + start.department() + " department may start its experiments");
        }
        Rules.required("startDate", start.startDate());
        Rules.required("plannedEndDate", start.plannedEndDate());
        if (!start.plannedEndDate().isAfter(start.startDate())) {
            throw new RuleViolation("plannedEndDate", "plannedEndDate must be after startDate: an experiment is time-boxed");
        }
        List<String> criteria = Rules.required("successCriteria", start.successCriteria());
        if (criteria.isEmpty() || criteria.size() > MAX_SUCCESS_CRITERIA) {
            throw new RuleViolation("successCriteria", "successCriteria needs 1 to " + MAX_SUCCESS_CRITERIA + " entries");
        }
        List<String> cleanCriteria = new ArrayList<>(criteria.size());
        for (int i = 0; i < criteria.size(); i++) {
            cleanCriteria.add(Rules.text("successCriteria[" + i + "]", criteria.get(i), 500));
        }
        FundingCommitment funding = Rules.required("businessUnitFunding", start.businessUnitFunding());
        Rules.text("businessUnitFunding.businessUnit", funding.businessUnit(), 200);
        Rules.text("businessUnitFunding.committedBy", funding.committedBy(), 200);
        Rules.notNegative("businessUnitFunding.amount", funding.amount());
        return List.of(new ExperimentStarted(Rules.required("experimentId", start.experimentId()), start.ideaId(),
                start.department(), start.ideaTitle(), Rules.text("lead", start.lead(), 200),
                Rules.text("scope", start.scope(), 2000), Rules.text("tool", start.tool(), 200), start.dataClassification(),
                start.startDate(), start.plannedEndDate(), List.copyOf(cleanCriteria), funding, actor.subject()));
    }

    @Override
    public Experiment evolve(Experiment experiment, ExperimentEvent event) {
        if (event instanceof ExperimentStarted e) {
            return new Experiment(e.experimentId(), e.ideaId(), ExperimentStatus.RUNNING, e.department(), e.title(),
                    e.lead(), e.tool(), e.plannedEndDate());
        }
        if (event instanceof LearningRecorded) {
            return experiment;
        }
        if (event instanceof ExperimentConcluded) {
            return experiment.with(ExperimentStatus.CONCLUDED);
        }
        if (event instanceof ExperimentAbandoned) {
            return experiment.with(ExperimentStatus.ABANDONED);
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    private static void requireRunning(Experiment experiment, String attempted) {
        if (experiment.status() != ExperimentStatus.RUNNING) {
            throw new IllegalTransition("experiment", experiment.status().name(), attempted);
        }
    }

    private static boolean isLead(Experiment experiment, Actor actor) {
        return actor.subject().equals(experiment.lead());
    }

    private static void requireLeadOrApprover(Experiment experiment, Actor actor, String attempted) {
        boolean approver = actor.hasRole(IdeaDecider.APPROVER) && actor.belongsTo(experiment.department());
        if (!isLead(experiment, actor) && !approver && !actor.hasRole(IdeaDecider.ADMIN)) {
            throw new AccessDenied("Only the lead, an approver of the " + experiment.department()
                    + " department or an admin may " + attempted + " this experiment");
        }
    }
}
